#pragma once

// The categories panel's model: attendance per delegate category. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"

namespace lanyard::dashboard {

using client::CategoryAttendance;

// Attendance per delegate category, with the category's colour from the event.
class CategoryModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,
    LabelRole,
    ColourRole,  // "#RRGGBB"; a neutral grey when the event does not say.
    RegisteredRole,
    CheckedInRole,
    InsideNowRole,
    NoShowsRole,
    CheckedInRatioRole,  // checkedIn / registered, 0 when none registered.
  };
  Q_ENUM(Role)

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setColours(const QHash<QString, QString>& colourByName);
  void setCategories(const QList<CategoryAttendance>& categories);
  QString colour(const QString& name) const;
  QString label(const QString& name) const;

 signals:
  void countChanged();

 private:
  QList<CategoryAttendance> m_rows;
  QHash<QString, QString> m_colours;
};
}  // namespace lanyard::dashboard
