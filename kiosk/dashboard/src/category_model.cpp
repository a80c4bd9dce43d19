#include "category_model.h"

#include "replace_rows.h"

namespace lanyard::dashboard {

namespace {

const QString kNeutralColour = QStringLiteral("#78909C");

}  // namespace

int CategoryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant CategoryModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const CategoryAttendance& c = m_rows[index.row()];
  switch (role) {
    case NameRole:
      return c.name;
    case Qt::DisplayRole:
    case LabelRole:
      return c.label;
    case ColourRole:
      return colour(c.name);
    case RegisteredRole:
      return c.registered;
    case CheckedInRole:
      return c.checkedIn;
    case InsideNowRole:
      return c.insideNow;
    case NoShowsRole:
      return c.noShows;
    case CheckedInRatioRole:
      return c.registered > 0 ? static_cast<double>(c.checkedIn) / c.registered : 0.0;
    default:
      return {};
  }
}

QHash<int, QByteArray> CategoryModel::roleNames() const {
  return {{NameRole, "name"},           {LabelRole, "label"},
          {ColourRole, "colour"},       {RegisteredRole, "registered"},
          {CheckedInRole, "checkedIn"}, {InsideNowRole, "insideNow"},
          {NoShowsRole, "noShows"},     {CheckedInRatioRole, "checkedInRatio"}};
}

void CategoryModel::setColours(const QHash<QString, QString>& colourByName) {
  m_colours = colourByName;
  if (!m_rows.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {ColourRole});
}

void CategoryModel::setCategories(const QList<CategoryAttendance>& categories) {
  replaceRows(
      *this, m_rows, categories, [](const CategoryAttendance& c) { return c.name; },
      [&] {
        const bool countChanges = m_rows.size() != categories.size();
        beginResetModel();
        m_rows = categories;
        endResetModel();
        if (countChanges) emit countChanged();
      },
      [&] { m_rows = categories; });
}

QString CategoryModel::colour(const QString& name) const {
  const QString found = m_colours.value(name);
  return found.isEmpty() ? kNeutralColour : found;
}

QString CategoryModel::label(const QString& name) const {
  for (const CategoryAttendance& c : m_rows) {
    if (c.name == name) return c.label;
  }
  return name;
}

}  // namespace lanyard::dashboard
