#include "domain/delegate_import.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_join.h"
#include "domain/csv_reader.h"
#include "domain/delegate_import_table.h"
#include "domain/str_cat.h"
#include "domain/text.h"

namespace lanyard::server::domain {

namespace {

using import_table::Cell;
using import_table::cellError;
using import_table::Columns;
using import_table::DuplicateFinder;
using import_table::expectedRecords;
using import_table::foldAscii;
using import_table::lookUp;
using import_table::Row;

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
      names.emplace_back(category.second);
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

// Splits a full name at its last space: "Simona Bieliūnė" -> {"Simona", "Bieliūnė"}; one word is
// a given name.
std::pair<std::string_view, std::string_view> splitFullName(std::string_view fullName) {
  const std::size_t space = fullName.find_last_of(" \t");
  if (space == std::string_view::npos) {
    return {fullName, {}};
  }
  return {trimAscii(fullName.substr(0, space)), trimAscii(fullName.substr(space + 1))};
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
    result.keptCorrections.emplace_back("status");
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

}  // namespace lanyard::server::domain
