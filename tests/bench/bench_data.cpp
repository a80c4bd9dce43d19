#include "bench_data.h"

#include <array>
#include <random>
#include <span>
#include <string_view>

namespace lanyard::bench {

namespace {

// A name as written and as typed on a plain keyboard.
struct Name {
  std::string_view native;
  std::string_view ascii;
};

struct Place {
  std::string_view city;
  std::string_view organisation;
};

// One language's pool of names and places.
struct Pool {
  std::string_view language;
  std::string_view country;
  std::span<const Name> given;
  std::span<const Name> family;
  std::span<const Place> places;
};

constexpr Name kCsGiven[] = {{"Tomáš", "tomas"}, {"Jiří", "jiri"},       {"Ondřej", "ondrej"}, {"Kateřina", "katerina"},
                             {"Šárka", "sarka"}, {"Markéta", "marketa"}, {"Lukáš", "lukas"},   {"Zdeněk", "zdenek"}};
constexpr Name kCsFamily[] = {{"Dvořák", "dvorak"},     {"Řezníček", "reznicek"}, {"Procházka", "prochazka"},
                              {"Černý", "cerny"},       {"Růžička", "ruzicka"},   {"Šťastný", "stastny"},
                              {"Kolářová", "kolarova"}, {"Němcová", "nemcova"}};
constexpr Place kCsPlaces[] = {
    {"Praha", "Magistrát hlavního města Prahy"}, {"Brno", "Statutární město Brno"}, {"Ostrava", "Město Ostrava"}};

constexpr Name kPlGiven[] = {{"Łukasz", "lukasz"},       {"Małgorzata", "malgorzata"}, {"Grzegorz", "grzegorz"},
                             {"Agnieszka", "agnieszka"}, {"Wojciech", "wojciech"},     {"Żaneta", "zaneta"}};
constexpr Name kPlFamily[] = {{"Łukasiewicz", "lukasiewicz"}, {"Wiśniewska", "wisniewska"}, {"Szczęsny", "szczesny"},
                              {"Kowalczyk", "kowalczyk"},     {"Żółkiewski", "zolkiewski"}, {"Wójcik", "wojcik"}};
constexpr Place kPlPlaces[] = {
    {"Wrocław", "Urząd Miejski Wrocławia"}, {"Gdańsk", "Miasto Gdańsk"}, {"Łódź", "Urząd Miasta Łodzi"}};

constexpr Name kDeGiven[] = {{"Jürgen", "jurgen"}, {"Björn", "bjorn"}, {"Käthe", "kathe"},
                             {"Sören", "soren"},   {"Ute", "ute"},     {"Matthias", "matthias"}};
constexpr Name kDeFamily[] = {{"Müller", "mueller"}, {"Schröder", "schroder"}, {"Weiß", "weiss"},
                              {"Groß", "gross"},     {"Köhler", "kohler"},     {"Straßburger", "strassburger"}};
constexpr Place kDePlaces[] = {
    {"Düsseldorf", "Stadt Düsseldorf"}, {"München", "Landeshauptstadt München"}, {"Köln", "Stadt Köln"}};

constexpr Name kLtGiven[] = {{"Simona", "simona"},
                             {"Jūratė", "jurate"},
                             {"Žygimantas", "zygimantas"},
                             {"Rūta", "ruta"},
                             {"Vytautas", "vytautas"}};
constexpr Name kLtFamily[] = {{"Bieliūnė", "bieliune"},
                              {"Kazlauskienė", "kazlauskiene"},
                              {"Žemaitis", "zemaitis"},
                              {"Petrauskas", "petrauskas"},
                              {"Jankūnaitė", "jankunaite"}};
constexpr Place kLtPlaces[] = {{"Vilnius", "City of Vilnius"}, {"Kaunas", "Kauno miesto savivaldybė"}};

constexpr Name kFrGiven[] = {{"Hélène", "helene"}, {"François", "francois"}, {"Zoé", "zoe"},
                             {"Jérôme", "jerome"}, {"Anaïs", "anais"},       {"Gaëtan", "gaetan"}};
constexpr Name kFrFamily[] = {{"Lefèvre", "lefevre"}, {"Bérégovoy", "beregovoy"}, {"Lambert", "lambert"},
                              {"Dubois", "dubois"},   {"Chénier", "chenier"},     {"Rousseau", "rousseau"}};
constexpr Place kFrPlaces[] = {
    {"Lille", "Métropole Européenne de Lille"}, {"Nantes", "Nantes Métropole"}, {"Besançon", "Ville de Besançon"}};

constexpr Name kUkGiven[] = {{"Тарас", "taras"}, {"Олена", "olena"},   {"Мар'яна", "maryana"},
                             {"Юрій", "yuriy"},  {"Оксана", "oksana"}, {"Андрій", "andriy"}};
constexpr Name kUkFamily[] = {{"Шевченко", "shevchenko"}, {"Коваленко", "kovalenko"}, {"Бондаренко", "bondarenko"},
                              {"Ткаченко", "tkachenko"},  {"Кравчук", "kravchuk"},    {"Мельник", "melnyk"}};
constexpr Place kUkPlaces[] = {
    {"Київ", "Kyiv City Council"}, {"Львів", "Львівська міська рада"}, {"Харків", "Kharkiv City Council"}};

constexpr Name kElGiven[] = {
    {"Ελένη", "eleni"}, {"Δημήτρης", "dimitris"}, {"Μαρία", "maria"}, {"Νίκος", "nikos"}, {"Σοφία", "sofia"}};
constexpr Name kElFamily[] = {{"Παπαδόπουλος", "papadopoulos"},
                              {"Γεωργίου", "georgiou"},
                              {"Νικολάου", "nikolaou"},
                              {"Οικονόμου", "oikonomou"},
                              {"Αλεξίου", "alexiou"}};
constexpr Place kElPlaces[] = {{"Αθήνα", "Δήμος Αθηναίων"}, {"Θεσσαλονίκη", "Municipality of Thessaloniki"}};

// Arabic names typed as ICU transliterates them, which is what the search index keys on.
constexpr Name kArGiven[] = {
    {"أحمد", "ahmd"}, {"فاطمة", "fatmt"}, {"خالد", "khald"}, {"مريم", "mrym"}, {"يوسف", "ywsf"}};
constexpr Name kArFamily[] = {{"الحسيني", "alhsyny"}, {"النجار", "alnjar"}, {"حداد", "hdad"}, {"منصور", "mnswr"}};
constexpr Place kArPlaces[] = {{"Marseille", "Ville de Marseille"}, {"Malmö", "Malmö stad"}};

constexpr Name kTrGiven[] = {{"Ayşe", "ayse"}, {"Çağrı", "cagri"}, {"Gülşen", "gulsen"}, {"İsmail", "ismail"}};
constexpr Name kTrFamily[] = {{"Öztürk", "ozturk"}, {"Yıldız", "yildiz"}, {"Şahin", "sahin"}, {"Çelik", "celik"}};
constexpr Place kTrPlaces[] = {{"İstanbul", "İstanbul Büyükşehir Belediyesi"}, {"Berlin", "Bezirksamt Neukölln"}};

constexpr Name kHuGiven[] = {{"Zsófia", "zsofia"}, {"Gergő", "gergo"}, {"Ildikó", "ildiko"}, {"Örs", "ors"}};
constexpr Name kHuFamily[] = {{"Szőke", "szoke"}, {"Kovács", "kovacs"}, {"Tóth", "toth"}, {"Horváth", "horvath"}};
constexpr Place kHuPlaces[] = {{"Budapest", "Budapest Főváros Önkormányzata"}, {"Pécs", "Pécs Megyei Jogú Város"}};

constexpr Name kEsGiven[] = {{"José", "jose"}, {"Begoña", "begona"}, {"Íñigo", "inigo"}, {"Lucía", "lucia"}};
constexpr Name kEsFamily[] = {{"Muñoz", "munoz"}, {"Núñez", "nunez"}, {"Ibáñez", "ibanez"}, {"García", "garcia"}};
constexpr Place kEsPlaces[] = {{"Bilbao", "Ayuntamiento de Bilbao"}, {"Málaga", "Ayuntamiento de Málaga"}};

constexpr std::array kPools = {
    Pool{"cs", "CZ", kCsGiven, kCsFamily, kCsPlaces}, Pool{"pl", "PL", kPlGiven, kPlFamily, kPlPlaces},
    Pool{"de", "DE", kDeGiven, kDeFamily, kDePlaces}, Pool{"lt", "LT", kLtGiven, kLtFamily, kLtPlaces},
    Pool{"fr", "FR", kFrGiven, kFrFamily, kFrPlaces}, Pool{"uk", "UA", kUkGiven, kUkFamily, kUkPlaces},
    Pool{"el", "GR", kElGiven, kElFamily, kElPlaces}, Pool{"ar", "FR", kArGiven, kArFamily, kArPlaces},
    Pool{"tr", "TR", kTrGiven, kTrFamily, kTrPlaces}, Pool{"hu", "HU", kHuGiven, kHuFamily, kHuPlaces},
    Pool{"es", "ES", kEsGiven, kEsFamily, kEsPlaces},
};

template <typename T>
const T& pick(std::span<const T> items, std::mt19937_64& random) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random)];
}

// RFC 4180 quoting when needed.
void appendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::vector<GeneratedDelegate> generateDelegates(int count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<GeneratedDelegate> delegates;
  delegates.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const Pool& pool = kPools[std::uniform_int_distribution<std::size_t>(0, kPools.size() - 1)(random)];
    const Name& given = pick(pool.given, random);
    const Name& family = pick(pool.family, random);
    const Place& place = pick(pool.places, random);
    GeneratedDelegate d;
    d.externalRef = "BENCH-" + std::to_string(i + 1);
    d.givenName = given.native;
    d.familyName = family.native;
    d.givenAscii = given.ascii;
    d.familyAscii = family.ascii;
    d.organisation = place.organisation;
    d.city = place.city;
    d.country = pool.country;
    d.language = pool.language;
    d.email =
        std::string(given.ascii) + "." + std::string(family.ascii) + "." + std::to_string(i + 1) + "@bench.example";
    delegates.push_back(std::move(d));
  }
  return delegates;
}

std::string delegatesCsv(const std::vector<GeneratedDelegate>& delegates) {
  std::string out = "external_ref,given_name,family_name,organisation,city,country,category,email,language\n";
  out.reserve(delegates.size() * 140);
  for (const GeneratedDelegate& d : delegates) {
    for (const std::string_view field :
         {std::string_view(d.externalRef), std::string_view(d.givenName), std::string_view(d.familyName),
          std::string_view(d.organisation), std::string_view(d.city), std::string_view(d.country)}) {
      appendCsvField(out, field);
      out += ',';
    }
    out += "delegate,";
    appendCsvField(out, d.email);
    out += ',';
    appendCsvField(out, d.language);
    out += '\n';
  }
  return out;
}

std::vector<std::string> searchQueries(const std::vector<GeneratedDelegate>& delegates, int count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::string> queries;
  if (delegates.empty()) return queries;
  queries.reserve(static_cast<std::size_t>(count));
  std::uniform_int_distribution<std::size_t> anyDelegate(0, delegates.size() - 1);
  for (int i = 0; i < count; ++i) {
    const GeneratedDelegate& d = delegates[anyDelegate(random)];
    const bool family = random() % 2 == 0;
    const std::string& spelling = family ? d.familyAscii : d.givenAscii;
    if (random() % 2 == 0) {
      queries.push_back(spelling);
    } else {
      const std::size_t length = std::uniform_int_distribution<std::size_t>(2, 5)(random);
      queries.push_back(spelling.substr(0, length));
    }
  }
  return queries;
}

}  // namespace lanyard::bench
