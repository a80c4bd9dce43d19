#pragma once

// The conflicts panel: the newest conflicts kiosks' offline uploads recorded, kept current as the
// dashboard hears of new ones, and marking one seen.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QObject>
#include <QtCore/QString>

#include "attendance_client.h"
#include "conflict_model.h"
#include "dashboard_controller.h"

namespace lanyard::dashboard {

// Lists conflicts through the client whenever the dashboard hears of a change
// (DashboardController::conflictsChanged: its first summary, a conflict in the feed, changed
// counts in a later summary) and after a marking. One list call at a time; a change meanwhile asks for another.
// GUI thread only; the client and the dashboard controller must outlive it.
class ConflictsController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("ConflictsController is created by main() and passed to Main.qml")

  Q_PROPERTY(int total READ total NOTIFY countsChanged)
  Q_PROPERTY(int unseen READ unseen NOTIFY countsChanged)
  // The last call's failure, in English; "" when it went well.
  Q_PROPERTY(QString message READ message NOTIFY messageChanged)
  Q_PROPERTY(lanyard::dashboard::ConflictModel* conflicts READ conflicts CONSTANT)

 public:
  // The most conflicts listed.
  static constexpr int kListed = 50;

  ConflictsController(client::AttendanceClient& client, DashboardController& dashboard, QObject* parent = nullptr);

  // Asks the server for the newest conflicts and the counts.
  Q_INVOKABLE void refresh();
  // Marks conflict `id` seen, then lists again.
  Q_INVOKABLE void markSeen(qint64 id);

  int total() const { return m_total; }
  int unseen() const { return m_unseen; }
  QString message() const { return m_message; }
  ConflictModel* conflicts() { return &m_model; }

 signals:
  void countsChanged();
  void messageChanged();
  // A list call was answered (whatever it held).
  void refreshed();

 private:
  void setMessage(const QString& message);

  client::AttendanceClient& m_client;
  DashboardController& m_dashboard;
  ConflictModel m_model;
  int m_total = 0;
  int m_unseen = 0;
  QString m_message;
  bool m_inFlight = false;
  bool m_again = false;
};

}  // namespace lanyard::dashboard
