#pragma once

// The dashboard's list models: what the QML panels show, one model per panel, filled by the
// DashboardController from the attendance summary and the live feed. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"

namespace lanyard::dashboard {

using namespace ::lanyard::client;

// Formats times in the event's time zone; the local zone until one is set.
class EventClock {
 public:
  void setTimeZone(const QString& ianaId);
  // "HH:mm" or with `seconds` "HH:mm:ss", for a UTC time in microseconds.
  QString time(qint64 utcUs, bool seconds = false) const;
  // "HH:mm-HH:mm" for a span.
  QString span(qint64 startUs, qint64 endUs) const;
  // The local time formatted with a QDateTime `pattern` ("yyyy-MM-dd", "ddd"...).
  QString format(qint64 utcUs, const QString& pattern) const;

 private:
  QByteArray m_zone;
};

// Every session with its occupancy against its capacity, in the summary's order.
class SessionModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  // The first session that has not ended, or -1 if all have: where a wall screen's list starts.
  Q_PROPERTY(int firstCurrent READ firstCurrent NOTIFY firstCurrentChanged)

 public:
  enum Role {
    TitleRole = Qt::UserRole + 1,
    RoomRole,
    TimeRole,  // "09:30-10:15", event time.
    CapacityRole,
    InsideNowRole,
    AttendedRole,
    RegisteredRole,
    FillRatioRole,  // 0 when the capacity is unlimited.
    SessionIdRole,
    PhaseRole,  // "ended", "now" or "later", by the server's clock.
  };
  Q_ENUM(Role)

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // `today` is the event's local date ("yyyy-MM-dd"); sessions on other days show their weekday.
  void setSessions(const QList<SessionAttendance>& sessions, const EventClock& clock, const QString& today = {});
  // The session's title, or "" if unknown.
  QString title(qint64 sessionId) const;
  const QList<SessionAttendance>& sessions() const { return m_rows; }
  // Moves the phases on to the server's time now (UTC microseconds).
  void setNow(qint64 serverNowUs);
  int firstCurrent() const;

 signals:
  void countChanged();
  void firstCurrentChanged();

 private:
  QString phase(const SessionAttendance& s) const;

  QList<SessionAttendance> m_rows;
  QStringList m_times;
  qint64 m_nowUs = 0;
  int m_firstCurrent = -1;
};

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

// Entrance arrivals per 15 minutes, gaps filled with empty slots, for a bar chart.
class ArrivalModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
  Q_PROPERTY(int maxArrivals READ maxArrivals NOTIFY maxArrivalsChanged)

 public:
  enum Role {
    LabelRole = Qt::UserRole + 1,  // "09:15", event time.
    ArrivalsRole,
    StartTimeRole,  // UTC microseconds, as a qint64.
  };
  Q_ENUM(Role)

  // At most this many slots (a day); older ones are dropped from the chart.
  static constexpr int kMaxSlots = 96;
  static constexpr qint64 kSlotUs = 15LL * 60 * 1'000'000;

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setBuckets(const QList<ArrivalBucket>& buckets, const EventClock& clock);
  int maxArrivals() const { return m_max; }

 signals:
  void countChanged();
  void maxArrivalsChanged();

 private:
  struct Slot {
    qint64 startUs = 0;
    int arrivals = 0;
    QString label;
  };
  QList<Slot> m_rows;
  int m_max = 0;
};

// Each kiosk's health: alive (seen recently), when last seen, its printer, its work. Below the
// kiosks, the help desk's and admins' devices that checked people in (no heartbeat, no printer),
// then revoked devices that did something. A silent device's printer is unknown: what it last
// reported is stale, and shows again only once it is heard from.
class KioskModel : public QAbstractListModel {
  Q_OBJECT
  QML_ELEMENT
  QML_UNCREATABLE("filled by DashboardController")
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    NameRole = Qt::UserRole + 1,
    AliveRole,          // Seen within kAliveWindowUs.
    LastSeenRole,       // "12 s ago", "3 min ago", "never".
    PrinterRole,        // "OK", "Paper out", "Offline", "Error"; "Not reported" yet; "unknown" when silent.
    PrinterOkRole,      // The printer reported OK and the device is not silent.
    PrinterKnownRole,   // A status was reported and the device is not silent.
    PrinterDetailRole,  // The printer's own words with its status; "" when not known.
    ScansRole,
    AdmittedRole,
    PrintsRole,
    PrintFailuresRole,
    LastPrintErrorRole,
    IsKioskRole,     // A kiosk or session door, which sends heartbeats.
    DeviceRoleRole,  // "Kiosk", "Help desk", "Admin".
    RevokedRole,     // Its token no longer works.
    NeverSeenRole,   // It has not called the server since its token was made.
  };
  Q_ENUM(Role)

  // A kiosk heard from within this is alive; kiosks send a heartbeat every few seconds.
  static constexpr qint64 kAliveWindowUs = 2LL * 60 * 1'000'000;

  using QAbstractListModel::QAbstractListModel;
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  void setKiosks(const QList<KioskAttendance>& kiosks);
  // A logged activity of a device moves its "last seen" and, for a heartbeat, its printer status.
  void noteActivity(const Activity& activity);
  // Recomputes alive and "last seen" against the server's clock now (UTC microseconds).
  void setNow(qint64 serverNowUs);
  // Of the kiosks whose tokens work, how many are alive, and how many there are.
  int aliveCount() const;
  int activeKioskCount() const;

 signals:
  void countChanged();

 private:
  bool isAlive(const KioskAttendance& k) const;
  // Seen once, but not within kAliveWindowUs.
  bool isSilent(const KioskAttendance& k) const;
  bool isPrinterKnown(const KioskAttendance& k) const;

  QList<KioskAttendance> m_rows;
  qint64 m_nowUs = 0;
};

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
    OutcomeRole,                  // "Admitted", "Re-entry", "Left", "Already checked in", ...
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
