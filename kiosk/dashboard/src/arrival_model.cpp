#include "arrival_model.h"

#include <algorithm>

#include "replace_rows.h"

namespace lanyard::dashboard {

int ArrivalModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ArrivalModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const Slot& slot = m_rows[index.row()];
  switch (role) {
    case Qt::DisplayRole:
    case LabelRole:
      return slot.label;
    case ArrivalsRole:
      return slot.arrivals;
    case StartTimeRole:
      return slot.startUs;
    default:
      return {};
  }
}

QHash<int, QByteArray> ArrivalModel::roleNames() const {
  return {{LabelRole, "label"}, {ArrivalsRole, "arrivals"}, {StartTimeRole, "startTime"}};
}

void ArrivalModel::setBuckets(const QList<ArrivalBucket>& buckets, const EventClock& clock) {
  QList<Slot> timeline;
  if (!buckets.isEmpty()) {
    QHash<qint64, int> byStart;
    for (const ArrivalBucket& b : buckets) byStart.insert(b.startTimeUs, b.arrivals);
    const qint64 last = buckets.constLast().startTimeUs;
    const qint64 first = std::max(buckets.constFirst().startTimeUs, last - (kMaxSlots - 1) * kSlotUs);
    // Buckets are 15-minute timeline of the local clock; stepping 15 minutes from one lands on the next
    // (also across a DST change, which moves by whole hours).
    for (qint64 start = first; start <= last; start += kSlotUs) {
      timeline.append({start, byStart.value(start), clock.time(start)});
    }
    // A bucket off the 15-minute grid (should not happen) is still shown rather than lost.
    for (const ArrivalBucket& b : buckets) {
      if (b.startTimeUs >= first && (b.startTimeUs - first) % kSlotUs != 0) {
        timeline.append({b.startTimeUs, b.arrivals, clock.time(b.startTimeUs)});
      }
    }
    std::sort(timeline.begin(), timeline.end(), [](const Slot& a, const Slot& b) { return a.startUs < b.startUs; });
  }
  int max = 0;
  for (const Slot& slot : timeline) max = std::max(max, slot.arrivals);
  replaceRows(
      *this, m_rows, timeline, [](const Slot& s) { return s.startUs; },
      [&] {
        const bool countChanges = m_rows.size() != timeline.size();
        beginResetModel();
        m_rows = timeline;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] { m_rows = timeline; });
  if (max != m_max) {
    m_max = max;
    emit maxArrivalsChanged();
  }
}

}  // namespace lanyard::dashboard
