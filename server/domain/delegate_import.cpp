#include "domain/delegate_import.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "domain/csv_reader.h"
#include "domain/event_time.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

// Header aliases, written as normalizeHeader() leaves them: case-folded, with runs of spaces,
// '_', '-', ':' and '.' turned into one '_'. Earlier aliases win over later ones.
constexpr std::string_view kExternalRefHeaders[] = {"external_ref", "external_id",     "ref",          "reference",
                                                    "id",           "registration_id", "registrant_id"};
constexpr std::string_view kOrderCodeHeaders[] = {"order_code"};
constexpr std::string_view kPositionIdHeaders[] = {"position_id"};
constexpr std::string_view kGivenNameHeaders[] = {
    "given_name",   "attendee_name_given_name", "first_name", "firstname", "forename", "vorname", "jméno",
    "křestní_jméno"};
constexpr std::string_view kMiddleNameHeaders[] = {"attendee_name_middle_name", "middle_name"};
constexpr std::string_view kFamilyNameHeaders[] = {
    "family_name", "attendee_name_family_name", "last_name", "lastname", "surname", "nachname", "příjmení"};
constexpr std::string_view kLatinNameHeaders[] = {"latin_name", "name_in_latin", "name_in_latin_letters",
                                                  "latin_spelling"};
constexpr std::string_view kFullNameHeaders[] = {"full_name",  "attendee_name",   "name", "participant", "attendee",
                                                 "celé_jméno", "jméno_a_příjmení"};
constexpr std::string_view kOrganisationHeaders[] = {
    "organisation", "organization",      "company",           "affiliation", "institution",
    "firma",        "organisation_name", "organization_name", "organizace",  "instituce"};
constexpr std::string_view kCityHeaders[] = {"city", "town", "stadt", "ort", "město", "mesto"};
constexpr std::string_view kCountryHeaders[] = {"country", "land", "země", "zeme"};
constexpr std::string_view kCategoryHeaders[] = {"category", "delegate_category", "attendee_category", "kategorie"};
constexpr std::string_view kEmailHeaders[] = {"email",          "attendee_email", "e_mail",         "email_address",
                                              "e_mail_address", "mail",           "e_mail_adresse", "emailová_adresa"};
// pretix's "Email" is the order's; its "Attendee email" is the person's and wins when set.
constexpr std::string_view kPretixEmailHeaders[] = {"attendee_email", "email", "e_mail"};
constexpr std::string_view kLanguageHeaders[] = {"language",           "lang",    "locale", "order_locale",
                                                 "preferred_language", "sprache", "jazyk"};
constexpr std::string_view kNotesHeaders[] = {"notes",   "note",      "comment",   "comments", "order_comment",
                                              "remarks", "bemerkung", "anmerkung", "poznámka", "poznámky"};
constexpr std::string_view kStatusHeaders[] = {"status", "order_status", "registration_state", "registration_status",
                                               "stav"};
constexpr std::string_view kTicketCodeHeaders[] = {"ticket_code", "ticket_secret",  "secret",
                                                   "ticket_uuid", "checkin_secret", "barcode"};
constexpr std::string_view kSessionsHeaders[] = {"sessions"};

constexpr std::string_view kSessionRefHeaders[] = {"external_ref", "external_id", "ref",
                                                   "reference",    "id",          "session_id"};
constexpr std::string_view kTitleHeaders[] = {"title", "session_title", "name", "session", "titel", "název", "nazev"};
constexpr std::string_view kRoomHeaders[] = {"room", "location", "venue", "raum", "místnost", "sál"};
constexpr std::string_view kStartHeaders[] = {"start",      "start_time", "starts", "begin",
                                              "start_date", "beginn",     "von",    "začátek"};
constexpr std::string_view kEndHeaders[] = {"end", "end_time", "ends", "finish", "end_date", "ende", "bis", "konec"};
constexpr std::string_view kCapacityHeaders[] = {"capacity", "max_attendees", "places",
                                                 "seats",    "kapazität",     "kapacita"};
constexpr std::string_view kRegistrationRequiredHeaders[] = {"registration_required", "requires_registration",
                                                             "registration", "anmeldung_erforderlich", "registrace"};

bool isHeaderSeparator(char c) { return c == ' ' || c == '_' || c == '-' || c == ':' || c == '.' || c == '\t'; }

// Case-folds `name` (ICU full case folding for non-ASCII) and turns runs of separators into '_'.
std::string normalizeHeader(std::string_view name) {
  std::string folded;
  bool ascii = true;
  for (const char c : name) {
    ascii = ascii && static_cast<unsigned char>(c) < 0x80U;
  }
  if (ascii) {
    folded = asciiLower(name);
  } else {
    icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())))
        .foldCase()
        .toUTF8String(folded);
  }
  std::string result;
  result.reserve(folded.size());
  bool pendingSeparator = false;
  for (const char c : folded) {
    if (isHeaderSeparator(c)) {
      pendingSeparator = !result.empty();
      continue;
    }
    if (pendingSeparator) {
      result.push_back('_');
      pendingSeparator = false;
    }
    result.push_back(c);
  }
  return result;
}

// `name` cut to kMaxListedNameBytes on a code point boundary, with "..." when cut.
std::string cutForSummary(std::string_view name) {
  if (name.size() <= kMaxListedNameBytes) return std::string(name);
  std::size_t cut = kMaxListedNameBytes;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) --cut;
  return strCat(name.substr(0, cut), "...");
}

absl::Status cellError(std::int32_t line, std::string_view column, std::string_view what) {
  return absl::InvalidArgumentError(strCat("line ", line, ", column \"", column, "\": ", what));
}

// The header of one file, searchable by alias.
class Columns {
 public:
  Columns(const std::vector<std::string>& header, std::int32_t headerLine) : m_headerLine(headerLine) {
    for (const std::string& name : header) {
      m_names.emplace_back(trimAscii(name));
      m_normalized.push_back(normalizeHeader(m_names.back()));
    }
  }

  // Indices of the columns named by `aliases`, best first; for each alias only its first column.
  // Marks them as known (see unknownNames()).
  std::vector<std::size_t> find(std::span<const std::string_view> aliases) const {
    std::vector<std::size_t> found;
    for (const std::string_view alias : aliases) {
      for (std::size_t i = 0; i < m_normalized.size(); ++i) {
        if (m_normalized[i] == alias) {
          m_known.resize(m_normalized.size());
          m_known[i] = true;
          bool seen = false;
          for (const std::size_t index : found) {
            seen = seen || index == i;
          }
          if (!seen) {
            found.push_back(i);
          }
          break;
        }
      }
    }
    return found;
  }

  // The non-empty names of the columns no find() so far has asked for, in file order, as
  // DelegateImport::ignoredColumns lists them (bounded).
  std::vector<std::string> unknownNames() const {
    std::vector<std::string> names;
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < m_names.size(); ++i) {
      if (m_names[i].empty() || (i < m_known.size() && m_known[i])) continue;
      if (++unknown <= kMaxListedNames) names.push_back(cutForSummary(m_names[i]));
    }
    if (unknown > kMaxListedNames) names.push_back(strCat("and ", unknown - kMaxListedNames, " more"));
    return names;
  }

  // An error for a known column named twice: which of the two is meant cannot be told.
  absl::Status repeatedKnownColumn() const {
    for (std::size_t i = 0; i < m_known.size(); ++i) {
      if (!m_known[i]) continue;
      for (std::size_t j = i + 1; j < m_normalized.size(); ++j) {
        if (m_normalized[j] == m_normalized[i]) {
          return absl::InvalidArgumentError(strCat("line ", m_headerLine, ": column ", quoteForMessage(m_names[i], 40),
                                                   " appears twice (columns ", i + 1, " and ", j + 1, ")"));
        }
      }
    }
    return absl::OkStatus();
  }

  const std::string& name(std::size_t index) const { return m_names[index]; }

  // An error for a missing column, listing (some of) the columns found.
  absl::Status missing(std::string_view what) const {
    return absl::InvalidArgumentError(
        strCat("line ", m_headerLine, ": missing required column: ", what, "; found: ", listForMessage(m_names)));
  }

 private:
  std::int32_t m_headerLine;
  std::vector<std::string> m_names;
  std::vector<std::string> m_normalized;
  mutable std::vector<bool> m_known;  // By column; what find() has been asked for.
};

// A trimmed value and the column it came from.
struct Cell {
  std::string_view text;
  std::size_t column = 0;
};

// One record, with values looked up by candidate columns and checked as they are read. The first
// failed check is kept (later reads then return empty cells), so a caller reads all the values it
// needs and looks at status() once.
class Row {
 public:
  Row(const CsvRecord& record, const Columns& columns) : m_record(record), m_columns(columns) {}

  std::int32_t line() const { return m_record.line(); }
  const absl::Status& status() const { return m_status; }

  bool isBlank() const {
    for (const std::string_view field : m_record.fields()) {
      if (!trimAscii(field).empty()) {
        return false;
      }
    }
    return true;
  }

  // The first non-empty value among `candidates` (or the empty first one), checked by
  // textProblem() (the rule `delegate add` applies too) and against `maxBytes`. With no candidates
  // the cell is empty and its column meaningless.
  Cell get(const std::vector<std::size_t>& candidates, std::size_t maxBytes = kMaxImportFieldBytes,
           TextLines lines = TextLines::One) {
    if (candidates.empty() || !m_status.ok()) {
      return Cell{};
    }
    Cell cell{value(candidates.front()), candidates.front()};
    for (std::size_t i = 1; i < candidates.size() && cell.text.empty(); ++i) {
      cell = Cell{value(candidates[i]), candidates[i]};
    }
    if (std::optional<std::string> problem = textProblem(cell.text, lines)) {
      fail(cell.column, *problem);
      return Cell{};
    }
    if (cell.text.size() > maxBytes) {
      fail(cell.column, strCat("value is longer than ", maxBytes, " bytes"));
      return Cell{};
    }
    return cell;
  }

  // Records an error about `column` unless one is recorded already.
  void fail(std::size_t column, std::string_view what) {
    if (m_status.ok()) {
      m_status = cellError(line(), m_columns.name(column), what);
    }
  }

 private:
  std::string_view value(std::size_t column) const {
    return column < m_record.size() ? trimAscii(m_record.field(column)) : std::string_view();
  }

  const CsvRecord& m_record;
  const Columns& m_columns;
  absl::Status m_status;
};

char foldAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// True if `text` equals the lower-case `key` ignoring ASCII case.
bool equalsIgnoringCase(std::string_view text, std::string_view key) {
  if (text.size() != key.size()) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (foldAscii(text[i]) != key[i]) {
      return false;
    }
  }
  return true;
}

// The category names, matchable ignoring case and with ' ' and '-' equal to '_'. Allocation-free
// lookups: an event has a handful of categories, so a linear scan is cheapest.
class Categories {
 public:
  explicit Categories(const DelegateImportOptions& options) {
    for (const std::string& category : options.categories) {
      add(category);
    }
    add(options.defaultCategory);
  }

  // The configured spelling of `text`, or nullptr if unknown.
  const std::string* find(std::string_view text) const {
    for (const auto& [key, name] : m_categories) {
      if (text.size() == key.size()) {
        bool same = true;
        for (std::size_t i = 0; same && i < text.size(); ++i) {
          same = foldKeyChar(text[i]) == key[i];
        }
        if (same) {
          return &name;
        }
      }
    }
    return nullptr;
  }

  std::string known() const {
    std::vector<absl::string_view> names;
    for (const auto& category : m_categories) {
      names.push_back(category.second);
    }
    return absl::StrJoin(names, ", ");
  }

 private:
  static char foldKeyChar(char c) { return c == ' ' || c == '-' ? '_' : foldAscii(c); }

  void add(const std::string& category) {
    std::string key(trimAscii(category));
    for (char& c : key) {
      c = foldKeyChar(c);
    }
    if (key.empty() || find(key) != nullptr) {
      return;
    }
    m_categories.emplace_back(std::move(key), category);
  }

  std::vector<std::pair<std::string, std::string>> m_categories;  // {key, configured name}
};

bool isAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiAlnum(char c) { return isAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// The lower-case primary subtag of a language tag such as "cs", "uk-UA", "pt_BR" or pretix's
// "de-informal"; nullopt unless it is 2-3 letters followed by subtags of 1-8 letters or digits.
std::optional<std::string> primaryLanguage(std::string_view tag) {
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    const std::size_t end = tag.find_first_of("-_", start);
    const std::string_view subtag =
        tag.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const bool lengthOk = first ? subtag.size() >= 2 && subtag.size() <= 3 : !subtag.empty() && subtag.size() <= 8;
    if (!lengthOk) {
      return std::nullopt;
    }
    for (const char c : subtag) {
      if (first ? !isAsciiAlpha(c) : !isAsciiAlnum(c)) {
        return std::nullopt;
      }
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return asciiLower(tag.substr(0, tag.find_first_of("-_")));
}

// Lower-case spellings of registration states in Lanyard, pretix ("paid", "pending", "expired",
// "canceled") and Indico ("Completed", "Pending", "Awaiting payment", "Withdrawn", "Rejected").
constexpr std::pair<std::string_view, RegistrationStatus> kStatuses[] = {
    {"", RegistrationStatus::Active},
    {"active", RegistrationStatus::Active},
    {"paid", RegistrationStatus::Active},
    {"pending", RegistrationStatus::Active},
    {"complete", RegistrationStatus::Active},
    {"completed", RegistrationStatus::Active},
    {"confirmed", RegistrationStatus::Active},
    {"awaiting payment", RegistrationStatus::Active},
    {"registered", RegistrationStatus::Active},
    {"valid", RegistrationStatus::Active},
    {"aktiv", RegistrationStatus::Active},
    {"bezahlt", RegistrationStatus::Active},
    {"aktivní", RegistrationStatus::Active},
    {"zaplaceno", RegistrationStatus::Active},
    {"cancelled", RegistrationStatus::Cancelled},
    {"canceled", RegistrationStatus::Cancelled},
    {"withdrawn", RegistrationStatus::Cancelled},
    {"rejected", RegistrationStatus::Cancelled},
    {"expired", RegistrationStatus::Cancelled},
    {"refunded", RegistrationStatus::Cancelled},
    {"storniert", RegistrationStatus::Cancelled},
    {"zrušeno", RegistrationStatus::Cancelled},
    {"zrušená", RegistrationStatus::Cancelled},
};

constexpr std::pair<std::string_view, bool> kYesNo[] = {
    {"", false},   {"no", false}, {"n", false},   {"false", false}, {"0", false}, {"nein", false}, {"ne", false},
    {"yes", true}, {"y", true},   {"true", true}, {"1", true},      {"ja", true}, {"ano", true},   {"x", true},
};

// The value paired with `text` (compared ignoring ASCII case) in `table`.
template <typename T, std::size_t N>
std::optional<T> lookUp(const std::pair<std::string_view, T> (&table)[N], std::string_view text) {
  for (const auto& [key, value] : table) {
    if (equalsIgnoringCase(text, key)) {
      return value;
    }
  }
  return std::nullopt;
}

std::optional<std::int32_t> parseCapacity(std::string_view text) {
  if (text.empty()) {
    return 0;
  }
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
    if (value > std::numeric_limits<std::int32_t>::max()) {
      return std::nullopt;
    }
  }
  return static_cast<std::int32_t>(value);
}

// Splits a full name at its last space: "Simona Bieliūnė" -> {"Simona", "Bieliūnė"}; one word is
// a given name.
std::pair<std::string_view, std::string_view> splitFullName(std::string_view fullName) {
  const std::size_t space = fullName.find_last_of(" \t");
  if (space == std::string_view::npos) {
    return {fullName, {}};
  }
  return {trimAscii(fullName.substr(0, space)), trimAscii(fullName.substr(space + 1))};
}

// Finds, for each delegate added, an earlier one with the same value of one field, compared
// exactly or ignoring ASCII case. Hashes the strings where they are stored (no copies), by index,
// so the vector may grow meanwhile.
class DuplicateFinder {
 public:
  enum class Compare { Exactly, IgnoringAsciiCase };

  DuplicateFinder(const std::vector<Delegate>& delegates, std::string Delegate::*field, std::size_t expected,
                  Compare compare = Compare::Exactly)
      : m_seen(expected, Hash{&delegates, field, compare}, Equal{&delegates, field, compare}) {}

  // Registers delegates[index]; returns the index of an earlier delegate with the same value.
  std::optional<std::size_t> add(std::size_t index) {
    auto [it, inserted] = m_seen.insert(index);
    return inserted ? std::nullopt : std::optional(*it);
  }

 private:
  // Hashes the field of the delegate at an index.
  struct Hash {
    const std::vector<Delegate>* delegates;
    std::string Delegate::*field;
    Compare compare;
    std::size_t operator()(std::size_t index) const {
      const std::string& value = (*delegates)[index].*field;
      if (compare == Compare::Exactly) return std::hash<std::string_view>{}(value);
      std::size_t hash = 14695981039346656037ULL;  // FNV-1a over the folded bytes.
      for (const char c : value) hash = (hash ^ static_cast<unsigned char>(foldAscii(c))) * 1099511628211ULL;
      return hash;
    }
  };
  // Compares the field of the delegates at two indices.
  struct Equal {
    const std::vector<Delegate>* delegates;
    std::string Delegate::*field;
    Compare compare;
    bool operator()(std::size_t a, std::size_t b) const {
      const std::string& first = (*delegates)[a].*field;
      const std::string& second = (*delegates)[b].*field;
      if (compare == Compare::Exactly) return first == second;
      return first.size() == second.size() && std::equal(first.begin(), first.end(), second.begin(),
                                                         [](char x, char y) { return foldAscii(x) == foldAscii(y); });
    }
  };

  std::unordered_set<std::size_t, Hash, Equal> m_seen;
};

// How many records to make room for: the line count of `bytes` (an upper bound for LF and CRLF
// files), capped so that a file of empty lines cannot make us reserve gigabytes.
std::size_t expectedRecords(std::string_view bytes) {
  constexpr std::size_t kMaxReserve = 200'000;
  std::size_t lines = 1;
  const char* next = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  while (lines < kMaxReserve &&
         (next = static_cast<const char*>(std::memchr(next, '\n', static_cast<std::size_t>(end - next)))) != nullptr) {
    ++lines;
    ++next;
  }
  return lines;
}

// Where delegates' external refs come from in one file.
enum class KeySource { ExternalRef, PretixOrder, Email };

// The columns of one delegate file, best candidates first.
struct DelegateColumns {
  KeySource keySource = KeySource::ExternalRef;
  std::vector<std::size_t> key;
  std::vector<std::size_t> position;
  std::vector<std::size_t> given;
  std::vector<std::size_t> middle;
  std::vector<std::size_t> family;
  std::vector<std::size_t> full;
  std::vector<std::size_t> latin;
  std::vector<std::size_t> organisation;
  std::vector<std::size_t> city;
  std::vector<std::size_t> country;
  std::vector<std::size_t> category;
  std::vector<std::size_t> email;
  std::vector<std::size_t> language;
  std::vector<std::size_t> notes;
  std::vector<std::size_t> status;
  std::vector<std::size_t> ticket;
  std::vector<std::size_t> sessions;

  // The column to blame for a missing name.
  std::size_t nameColumn() const {
    return !given.empty() ? given.front() : (!full.empty() ? full.front() : family.front());
  }
};

absl::StatusOr<DelegateColumns> findDelegateColumns(const Columns& columns) {
  DelegateColumns found;
  const std::vector<std::size_t> orderCode = columns.find(kOrderCodeHeaders);
  found.position = columns.find(kPositionIdHeaders);
  found.given = columns.find(kGivenNameHeaders);
  found.middle = columns.find(kMiddleNameHeaders);
  found.family = columns.find(kFamilyNameHeaders);
  found.full = columns.find(kFullNameHeaders);
  found.latin = columns.find(kLatinNameHeaders);
  found.organisation = columns.find(kOrganisationHeaders);
  found.city = columns.find(kCityHeaders);
  found.country = columns.find(kCountryHeaders);
  found.category = columns.find(kCategoryHeaders);
  found.email = columns.find(orderCode.empty() ? std::span<const std::string_view>(kEmailHeaders)
                                               : std::span<const std::string_view>(kPretixEmailHeaders));
  found.language = columns.find(kLanguageHeaders);
  found.notes = columns.find(kNotesHeaders);
  found.status = columns.find(kStatusHeaders);
  found.ticket = columns.find(kTicketCodeHeaders);
  found.sessions = columns.find(kSessionsHeaders);

  if (found.given.empty() && found.family.empty() && found.full.empty()) {
    return columns.missing(
        "a name (given_name and/or family_name, or a full name such as \"name\" or pretix's "
        "\"Attendee name\")");
  }
  found.key = columns.find(kExternalRefHeaders);
  if (found.key.empty() && !orderCode.empty()) {
    found.keySource = KeySource::PretixOrder;
    found.key = orderCode;
  } else if (found.key.empty()) {
    found.keySource = KeySource::Email;
    found.key = found.email;
  }
  if (found.key.empty()) {
    return columns.missing(
        "a key (external_ref, Indico's \"ID\", pretix's \"Order code\", or else an e-mail "
        "column)");
  }
  return found;
}

// Reads the given, middle and family name, or splits the full name.
void readName(Row& row, const DelegateColumns& columns, Delegate& delegate) {
  const Cell given = row.get(columns.given);
  const Cell middle = row.get(columns.middle);
  const Cell family = row.get(columns.family);
  std::string_view givenName = given.text;
  std::string_view familyName = family.text;
  if (givenName.empty() && familyName.empty()) {
    std::tie(givenName, familyName) = splitFullName(row.get(columns.full).text);
  }
  if (!row.status().ok()) {
    return;
  }
  if (givenName.empty() && familyName.empty()) {
    row.fail(columns.nameColumn(), "missing name (a given or family name is required)");
    return;
  }
  if (middle.text.empty()) {
    delegate.givenName.assign(givenName);
  } else if (givenName.empty()) {
    delegate.givenName.assign(middle.text);
  } else {
    delegate.givenName = strCat(givenName, " ", middle.text);
  }
  delegate.familyName.assign(familyName);
  delegate.latinName.assign(row.get(columns.latin).text);
}

// Reads or derives the external reference; returns the cell it came from.
Cell readKey(Row& row, const DelegateColumns& columns, Delegate& delegate) {
  const Cell key = row.get(columns.key);
  if (!row.status().ok()) {
    return key;
  }
  switch (columns.keySource) {
    case KeySource::ExternalRef:
      if (key.text.empty()) {
        row.fail(key.column, "missing external reference");
      }
      delegate.externalRef.assign(key.text);
      break;
    case KeySource::PretixOrder: {
      if (key.text.empty()) {
        row.fail(key.column, "missing order code");
      }
      const Cell position = row.get(columns.position);
      delegate.externalRef = position.text.empty() ? std::string(key.text) : strCat(key.text, "-", position.text);
      break;
    }
    case KeySource::Email:
      if (key.text.empty()) {
        row.fail(key.column,
                 "missing e-mail address (this file has no id column, so the e-mail address is "
                 "the key)");
      }
      delegate.externalRef = asciiLower(key.text);
      break;
  }
  return key;
}

// Reads everything but the name and the key.
void readDetails(Row& row, const DelegateColumns& columns, const Categories& categories,
                 const std::string& defaultCategory, Delegate& delegate) {
  delegate.email.assign(row.get(columns.email).text);
  delegate.organisation.assign(row.get(columns.organisation).text);
  delegate.city.assign(row.get(columns.city).text);
  delegate.country.assign(row.get(columns.country).text);
  if (delegate.country.size() == 2 && isAsciiAlpha(delegate.country[0]) && isAsciiAlpha(delegate.country[1])) {
    for (char& c : delegate.country) {
      c = static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    }
  }
  delegate.notes.assign(row.get(columns.notes, kMaxImportNotesBytes, TextLines::Several).text);
  delegate.externalTicketCode.assign(row.get(columns.ticket).text);

  const Cell category = row.get(columns.category);
  if (category.text.empty()) {
    delegate.category = defaultCategory;
  } else if (const std::string* known = categories.find(category.text)) {
    delegate.category = *known;
  } else {
    row.fail(category.column,
             strCat("unknown category ", quoteForMessage(category.text), " (known: ", categories.known(), ")"));
  }

  const Cell language = row.get(columns.language);
  if (!language.text.empty()) {
    if (std::optional<std::string> primary = primaryLanguage(language.text)) {
      delegate.language = *std::move(primary);
    } else {
      row.fail(language.column, strCat("invalid language ", quoteForMessage(language.text),
                                       " (expected a code such as \"cs\", \"uk\" or \"de-AT\")"));
    }
  }

  const Cell status = row.get(columns.status);
  if (std::optional<RegistrationStatus> parsed = lookUp(kStatuses, status.text)) {
    delegate.status = *parsed;
  } else {
    row.fail(status.column, strCat("unknown status ", quoteForMessage(status.text), " (expected active or cancelled)"));
  }
}

// Adds a registration per distinct, non-empty '|'-separated session ref in `refs`.
void addRegistrations(std::string_view refs, const std::string& delegateRef, std::int32_t line,
                      std::vector<SessionRegistration>& out) {
  const std::size_t first = out.size();
  for (std::size_t start = 0; start <= refs.size();) {
    const std::size_t bar = std::min(refs.find('|', start), refs.size());
    const std::string_view ref = trimAscii(refs.substr(start, bar - start));
    start = bar + 1;
    bool seen = ref.empty();
    for (std::size_t i = first; i < out.size() && !seen; ++i) {
      seen = out[i].sessionRef == ref;
    }
    if (!seen) {
      out.push_back({std::string(ref), delegateRef, line});
    }
  }
}

}  // namespace

absl::StatusOr<DelegateImport> parseDelegatesCsv(std::string_view bytes, const DelegateImportOptions& options) {
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes, CsvOptions{.nameColumnsByHeader = true});
  if (!reader.ok()) {
    return reader.status();
  }
  const Columns header(reader->header(), reader->headerLine());
  absl::StatusOr<DelegateColumns> columns = findDelegateColumns(header);
  if (!columns.ok()) {
    return columns.status();
  }
  // pretix repeats some names on purpose ("Company": the attendee's, then the invoice's), and the
  // first is meant; in a spreadsheet keyed by external_ref a repeat is a mistake.
  if (absl::Status repeated = header.repeatedKnownColumn();
      !repeated.ok() && columns->keySource == KeySource::ExternalRef) {
    return repeated;
  }
  const Categories categories(options);

  DelegateImport result;
  result.ignoredColumns = header.unknownNames();
  const std::size_t expected = expectedRecords(bytes);
  result.delegates.reserve(expected);
  result.listsRegistrations = !columns->sessions.empty();
  if (result.listsRegistrations) {
    result.registrations.reserve(expected);
  }
  std::vector<std::int32_t>& lines = result.lines;
  lines.reserve(expected);
  DuplicateFinder refs(result.delegates, &Delegate::externalRef, expected);
  // Storage matches ticket codes ignoring ASCII case (a scanner with Caps Lock on), so two that
  // differ only in case would be one.
  DuplicateFinder tickets(result.delegates, &Delegate::externalTicketCode, expected,
                          DuplicateFinder::Compare::IgnoringAsciiCase);

  CsvRecord record;
  for (;;) {
    absl::StatusOr<bool> more = reader->next(record);
    if (!more.ok()) {
      return more.status();
    }
    if (!*more) {
      break;
    }
    Row row(record, header);
    if (row.isBlank()) {
      continue;
    }
    // Filled in place: an error discards the whole result anyway.
    Delegate& delegate = result.delegates.emplace_back();
    const std::size_t index = result.delegates.size() - 1;
    lines.push_back(row.line());

    readName(row, *columns, delegate);
    const Cell key = readKey(row, *columns, delegate);
    readDetails(row, *columns, categories, options.defaultCategory, delegate);
    const Cell sessions = row.get(columns->sessions, kMaxImportNotesBytes);
    if (!row.status().ok()) {
      return row.status();
    }

    if (std::optional<std::size_t> first = refs.add(index)) {
      std::string hint;
      if (columns->keySource == KeySource::PretixOrder && columns->position.empty()) {
        hint =
            "; this pretix export has no \"Position ID\" column, so orders with several tickets "
            "cannot be told apart: export \"Order data\" with its order positions instead";
      }
      return cellError(row.line(), header.name(key.column),
                       strCat("duplicate external reference ", quoteForMessage(delegate.externalRef),
                              " (first on line ", lines[*first], ")", hint));
    }
    if (!delegate.externalTicketCode.empty()) {
      if (std::optional<std::size_t> first = tickets.add(index)) {
        const bool sameCase = result.delegates[*first].externalTicketCode == delegate.externalTicketCode;
        return cellError(row.line(), header.name(columns->ticket.front()),
                         strCat("duplicate ticket code (first on line ", lines[*first],
                                sameCase ? ")" : "; ticket codes match ignoring case)"));
      }
    }
    addRegistrations(sessions.text, delegate.externalRef, row.line(), result.registrations);
  }
  return result;
}

namespace {

struct CorrectableField {
  DelegateField bit;
  std::string Delegate::*member;
  std::string_view column;  // As in Lanyard's template.
};

constexpr CorrectableField kCorrectableFields[] = {
    {DelegateField::GivenName, &Delegate::givenName, "given_name"},
    {DelegateField::FamilyName, &Delegate::familyName, "family_name"},
    {DelegateField::LatinName, &Delegate::latinName, "latin_name"},
    {DelegateField::Organisation, &Delegate::organisation, "organisation"},
    {DelegateField::City, &Delegate::city, "city"},
    {DelegateField::Country, &Delegate::country, "country"},
    {DelegateField::Category, &Delegate::category, "category"},
    {DelegateField::Email, &Delegate::email, "email"},
    {DelegateField::Language, &Delegate::language, "language"},
    {DelegateField::Notes, &Delegate::notes, "notes"},
    {DelegateField::TicketCode, &Delegate::externalTicketCode, "ticket_code"},
};

}  // namespace

ImportedDelegate mergeImported(const Delegate& stored, Delegate incoming) {
  ImportedDelegate result;
  incoming.id = stored.id;
  incoming.badgeVersion = stored.badgeVersion;
  incoming.version = stored.version;
  incoming.correctedFields = 0;
  for (const CorrectableField& field : kCorrectableFields) {
    const auto bit = static_cast<std::uint32_t>(field.bit);
    if ((stored.correctedFields & bit) == 0 || incoming.*field.member == stored.*field.member) continue;
    incoming.*field.member = stored.*field.member;
    incoming.correctedFields |= bit;
    result.keptCorrections.push_back(field.column);
  }
  constexpr auto kStatus = static_cast<std::uint32_t>(DelegateField::Status);
  if ((stored.correctedFields & kStatus) != 0 && incoming.status != stored.status) {
    incoming.status = stored.status;
    incoming.correctedFields |= kStatus;
    result.keptCorrections.push_back("status");
  }
  result.delegate = std::move(incoming);
  return result;
}

std::uint32_t changedFields(const Delegate& before, const Delegate& after) {
  std::uint32_t changed = 0;
  for (const CorrectableField& field : kCorrectableFields) {
    if (before.*field.member != after.*field.member) changed |= static_cast<std::uint32_t>(field.bit);
  }
  return changed;
}

absl::StatusOr<std::vector<Session>> parseSessionsCsv(std::string_view bytes, std::string_view timeZone) {
  absl::StatusOr<EventTimeZone> zone = EventTimeZone::create(timeZone);
  if (!zone.ok()) {
    return zone.status();
  }
  absl::StatusOr<CsvReader> reader = CsvReader::open(bytes, CsvOptions{.nameColumnsByHeader = true});
  if (!reader.ok()) {
    return reader.status();
  }
  const Columns header(reader->header(), reader->headerLine());
  const std::vector<std::size_t> refColumns = header.find(kSessionRefHeaders);
  const std::vector<std::size_t> titleColumns = header.find(kTitleHeaders);
  const std::vector<std::size_t> roomColumns = header.find(kRoomHeaders);
  const std::vector<std::size_t> startColumns = header.find(kStartHeaders);
  const std::vector<std::size_t> endColumns = header.find(kEndHeaders);
  const std::vector<std::size_t> capacityColumns = header.find(kCapacityHeaders);
  const std::vector<std::size_t> requiredColumns = header.find(kRegistrationRequiredHeaders);
  if (titleColumns.empty()) {
    return header.missing("title");
  }
  if (startColumns.empty()) {
    return header.missing("start");
  }
  if (endColumns.empty()) {
    return header.missing("end");
  }

  std::vector<Session> sessions;
  std::unordered_map<std::string, std::int32_t> refLines;
  CsvRecord record;
  for (;;) {
    absl::StatusOr<bool> more = reader->next(record);
    if (!more.ok()) {
      return more.status();
    }
    if (!*more) {
      break;
    }
    Row row(record, header);
    if (row.isBlank()) {
      continue;
    }
    Session& session = sessions.emplace_back();
    const Cell ref = row.get(refColumns);
    session.externalRef.assign(ref.text);
    const Cell title = row.get(titleColumns);
    if (title.text.empty()) {
      row.fail(title.column, "missing title");
    }
    session.title.assign(title.text);
    session.room.assign(row.get(roomColumns).text);

    const Cell start = row.get(startColumns);
    const Cell end = row.get(endColumns);
    for (const auto& [cell, out] : {std::pair{&start, &session.startUs}, {&end, &session.endUs}}) {
      if (!row.status().ok()) {
        break;
      }
      if (cell->text.empty()) {
        row.fail(cell->column, "missing date and time");
      } else if (absl::StatusOr<TimeUs> time = zone->parseLocalDateTime(cell->text); time.ok()) {
        *out = *time;
      } else {
        row.fail(cell->column, toStd(time.status().message()));
      }
    }
    if (row.status().ok() && session.endUs <= session.startUs) {
      row.fail(end.column, strCat("the end (", zone->formatLocal(session.endUs), ") is not after the start (",
                                  zone->formatLocal(session.startUs), ")"));
    }

    const Cell capacity = row.get(capacityColumns);
    if (std::optional<std::int32_t> places = parseCapacity(capacity.text)) {
      session.capacity = *places;
    } else {
      row.fail(capacity.column, strCat("capacity ", quoteForMessage(capacity.text),
                                       " is not a whole number from 0 to 2147483647 (empty or 0 means "
                                       "unlimited)"));
    }

    const Cell required = row.get(requiredColumns);
    if (std::optional<bool> yes = lookUp(kYesNo, required.text)) {
      session.registrationRequired = *yes;
    } else {
      row.fail(required.column,
               strCat(quoteForMessage(required.text), " is not yes or no (also accepted: true/false, 1/0, empty)"));
    }
    if (!row.status().ok()) {
      return row.status();
    }

    if (!ref.text.empty()) {
      if (auto [it, inserted] = refLines.emplace(ref.text, row.line()); !inserted) {
        return cellError(
            row.line(), header.name(ref.column),
            strCat("duplicate external reference ", quoteForMessage(ref.text), " (first on line ", it->second, ")"));
      }
    }
  }
  return sessions;
}

}  // namespace lanyard::server::domain
