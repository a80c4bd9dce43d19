// SearchResultModel under QAbstractItemModelTester: the rows a search shows, and who sees what.

#include "search_result_model.h"

#include <gtest/gtest.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>

namespace lanyard::kiosk {
namespace {

client::DelegateSummary jan(qint64 id, const QString& organisation) {
  client::DelegateSummary d;
  d.id = id;
  d.givenName = QStringLiteral("Jan");
  d.displayName = QStringLiteral("Jan N.");
  d.affiliation = QStringLiteral("Brno");
  d.organisation = organisation;
  d.language = QStringLiteral("cs");
  return d;
}

TEST(SearchResultModelTest, TheSelfCheckInSeesNameAndAffiliationOnly) {
  SearchResultModel model(SearchResultModel::Audience::Public);
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  EXPECT_TRUE(model.setMatches({jan(7, QStringLiteral("Masaryk University")), jan(8, QStringLiteral("City of Brno"))}));
  ASSERT_EQ(model.rowCount(), 2);
  const QModelIndex second = model.index(1);
  EXPECT_EQ(model.data(second, SearchResultModel::DelegateIdRole).toLongLong(), 8);
  EXPECT_EQ(model.data(second, SearchResultModel::NameRole).toString(), QStringLiteral("Jan N."));
  EXPECT_EQ(model.data(second, SearchResultModel::AffiliationRole).toString(), QStringLiteral("Brno"));
  EXPECT_FALSE(model.data(second, SearchResultModel::OrganisationRole).isValid());
  EXPECT_FALSE(model.roleNames().values().contains("organisation"));
  EXPECT_EQ(model.delegateId(0), 7);
}

TEST(SearchResultModelTest, StaffTellTwoOfOneCityApartByTheirOrganisation) {
  SearchResultModel model(SearchResultModel::Audience::Staff);
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  model.setMatches({jan(7, QStringLiteral("Masaryk University")), jan(8, QStringLiteral("City of Brno"))});
  EXPECT_EQ(model.data(model.index(0), SearchResultModel::OrganisationRole).toString(),
            QStringLiteral("Masaryk University"));
  EXPECT_EQ(model.data(model.index(1), SearchResultModel::OrganisationRole).toString(), QStringLiteral("City of Brno"));
  EXPECT_EQ(model.roleNames().value(SearchResultModel::OrganisationRole), QByteArray("organisation"));
}

TEST(SearchResultModelTest, TheSameMatchesAgainChangeNothing) {
  SearchResultModel model(SearchResultModel::Audience::Public);
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
  EXPECT_TRUE(model.setMatches({jan(7, QString())}));
  EXPECT_FALSE(model.setMatches({jan(7, QStringLiteral("not shown to the public"))}));
  EXPECT_EQ(resets.count(), 1);
  EXPECT_TRUE(model.setMatches({}));
  EXPECT_TRUE(model.isEmpty());
  EXPECT_EQ(resets.count(), 2);
}

}  // namespace
}  // namespace lanyard::kiosk
