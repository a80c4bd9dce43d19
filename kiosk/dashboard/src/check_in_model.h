#pragma once

// The latest check-ins panel's model. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"

namespace lanyard::dashboard {

using client::Activity;

// The latest check-ins, newest first: who, where, what came of it.
class CheckInModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,  // "Simona Baltrušaitienė", or "Unknown code".
    DetailRole,                   // Category label and city.
    ColourRole,                   // The category's colour.
    PlaceRole,                    // "Entrance" or the session's title.
    TimeRole,                     // "09:41:07", event time.
    OutcomeRole,                  // "Admitted", "Re-entry", "Left", "Already checked in", "Admitted offline"...
    AdmittedRole,                 // Let in (an entry, or a re-entry).
    RefusedRole,                  // A refusal; neither this nor admitted: a check-out.
    DeviceRole,
    SequenceRole,
  };
  Q_ENUM(Role)

  // The most rows kept.
  static constexpr int kMaxRows = 40;

  struct Row {
    qint64 sequence = 0;
    QString name;
    QString detail;
    QString colour;
    QString place;
    QString time;
    QString outcome;
    bool admitted = false;
    bool refused = false;
    QString device;
  };

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Adds a row on top; drops the oldest beyond kMaxRows.
  void prepend(const Row& row);
  void clear();
  const QList<Row>& rows() const { return m_rows; }

  // How an outcome reads on the dashboard.
  static QString outcomeText(const Activity& activity);
  // Whether the scan was refused: everything but an entry and a check-out (a person leaving).
  static bool isRefusal(const Activity& activity);

 signals:
  void countChanged();

 private:
  QList<Row> m_rows;
};
}  // namespace lanyard::dashboard
