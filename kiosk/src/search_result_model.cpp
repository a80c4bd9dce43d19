#include "search_result_model.h"

namespace lanyard::kiosk {

SearchResultModel::SearchResultModel(Audience audience, QObject* parent)
    : QAbstractListModel(parent), m_audience(audience) {}

int SearchResultModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Row& row = m_rows[index.row()];
  switch (role) {
    case DelegateIdRole:
      return row.delegateId;
    case Qt::DisplayRole:
    case NameRole:
      return row.name;
    case AffiliationRole:
      return row.affiliation;
    case OrganisationRole:
      return m_audience == Audience::Staff ? QVariant(row.organisation) : QVariant();
    default:
      return {};
  }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const {
  QHash<int, QByteArray> names = {{DelegateIdRole, "delegateId"}, {NameRole, "name"}, {AffiliationRole, "affiliation"}};
  if (m_audience == Audience::Staff) names.insert(OrganisationRole, "organisation");
  return names;
}

bool SearchResultModel::setMatches(const QList<client::DelegateSummary>& matches) {
  QList<Row> rows;
  rows.reserve(matches.size());
  for (const client::DelegateSummary& match : matches) {
    rows.append({match.id, match.displayName, match.affiliation,
                 m_audience == Audience::Staff ? match.organisation : QString()});
  }
  if (rows == m_rows) return false;
  beginResetModel();
  m_rows = rows;
  endResetModel();
  return true;
}

}  // namespace lanyard::kiosk
