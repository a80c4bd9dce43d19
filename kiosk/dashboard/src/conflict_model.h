#pragma once

// The conflicts panel's model. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"
#include "event_clock.h"

namespace lanyard::dashboard {

// The newest conflicts from kiosks' offline uploads: who, which kiosks, when scanned, why, and
// whether someone has looked at it.
class ConflictModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by ConflictsController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    ConflictIdRole = Qt::UserRole + 1,
    NameRole,      // "Simona Bieliūnė", or "Unknown code".
    PlaceRole,     // "Entrance" or the session's title.
    KiosksRole,    // "kiosk-2, also kiosk-1 at 09:00 (offline)", or "kiosk-2".
    ScannedRole,   // "09:05:12", event time: when the kiosk scanned.
    ReasonRole,    // The server's sentence, e.g. "Admitted twice: ...".
    SeenRole,      // Marked seen.
    SeenTextRole,  // "Seen by organiser-laptop at 10:02", or "".
  };
  Q_ENUM(Role)

  struct Row {
    qint64 id = 0;
    QString name;
    QString place;
    QString kiosks;
    QString scanned;
    QString reason;
    bool seen = false;
    QString seenText;
  };

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // Replaces the rows with `conflicts` (newest first), times in `clock`'s zone.
  void setConflicts(const QList<client::Conflict>& conflicts, const EventClock& clock);
  const QList<Row>& rows() const { return m_rows; }

  // How a conflict reads in the panel.
  static Row rowFor(const client::Conflict& conflict, const EventClock& clock);

 signals:
  void countChanged();

 private:
  QList<Row> m_rows;
};

}  // namespace lanyard::dashboard
