#pragma once

// How the dashboard's list models take a new set of rows from the attendance summary.

#include <QtCore/QAbstractListModel>
#include <QtCore/QList>
#include <functional>

namespace lanyard::dashboard {

// Replaces `rows` with `next`: by `assign` and dataChanged when the keys are the same in the same
// order (so views keep their delegates), else by `reset`, which wraps the assignment in the model's
// (protected) beginResetModel/endResetModel.
template <typename T, typename Key>
void replaceRows(QAbstractListModel& model, const QList<T>& rows, const QList<T>& next, Key key,
                 const std::function<void()>& reset, const std::function<void()>& assign) {
  bool sameKeys = rows.size() == next.size();
  for (qsizetype i = 0; sameKeys && i < rows.size(); ++i) sameKeys = key(rows[i]) == key(next[i]);
  if (sameKeys) {
    assign();
    if (!rows.isEmpty()) emit model.dataChanged(model.index(0), model.index(static_cast<int>(rows.size()) - 1));
    return;
  }
  reset();
}

}  // namespace lanyard::dashboard
