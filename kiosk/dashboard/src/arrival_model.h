#pragma once

// The arrivals chart's model: entrance arrivals per 15 minutes. GUI thread only.

#include <QtQml/qqmlregistration.h>

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>

#include "attendance_client.h"
#include "event_clock.h"

namespace lanyard::dashboard {

using client::ArrivalBucket;

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
}  // namespace lanyard::dashboard
