#pragma once

// The names a kiosk's search found, as the list model its pages show.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "check_in_client.h"

namespace lanyard::kiosk {

// A search's matches in the server's order, holding only what the page may show of each: the
// self check-in's rows have no organisation; staff mode's, behind the PIN, have it, so that two
// "Jan N., Brno" are told apart. GUI thread only.
class SearchResultModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by KioskController and StaffController")

 public:
  enum Role {
    DelegateIdRole = Qt::UserRole + 1,  // What choose() takes.
    NameRole,                           // "Simona B."
    AffiliationRole,                    // "Vilnius"
    OrganisationRole,                   // Staff mode only.
  };
  Q_ENUM(Role)

  // Who sees the rows: anyone at the kiosk, or staff.
  enum class Audience { Public, Staff };

  explicit SearchResultModel(Audience audience, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows with `matches` (a reset); returns whether what the page shows changed.
  bool setMatches(const QList<client::DelegateSummary>& matches);
  bool isEmpty() const { return m_rows.isEmpty(); }
  // The delegate id of row `row`, which must exist.
  qint64 delegateId(int row) const { return m_rows.at(row).delegateId; }

 private:
  struct Row {
    qint64 delegateId = 0;
    QString name;
    QString affiliation;
    QString organisation;

    bool operator==(const Row&) const = default;
  };

  Audience m_audience;
  QList<Row> m_rows;
};

}  // namespace lanyard::kiosk
