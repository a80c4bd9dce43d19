// The kiosk's offline client against a real `lanyard-server demo` on loopback: it copies the
// replica, goes on deciding when the server is killed (SIGKILL), and uploads every decision once
// when the server is back. The replica file is read byte for byte for what must not be in it.

#include <gtest/gtest.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <fstream>
#include <regex>

#include "offline_check_in_client.h"
#include "server_process.h"
#include "sqlite/sqlite.h"
#include "test_support.h"

namespace lanyard::kiosk::offline {
namespace {

using client::CheckInOutcome;
using client::Reply;
using testing::waitUntil;
using namespace std::chrono_literals;

constexpr int kDeadlineMs = 60000;

class OfflineClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir.isValid());
    db = dir.filePath(QStringLiteral("demo.db")).toStdString();
    startServer("127.0.0.1:0");
    std::ifstream tokens(db + ".tokens");
    std::string name, value;
    while (tokens >> name >> value) {
      if (name == "kiosk-entrance-1") kioskToken = value;
    }
    ASSERT_FALSE(kioskToken.empty());
    server->process().waitForStdout([](const std::string& out) { return out.find("Try next") != std::string::npos; },
                                    10s);
    const std::regex line(R"(\n  (\S+) [^\n]*\(([^)]*)\): ([A-Z2-7]{120})\n)");
    std::smatch match;
    const std::string out = server->process().stdoutText();
    ASSERT_TRUE(std::regex_search(out, match, line)) << out;
    code = QString::fromStdString(match[3].str());
    givenName = QString::fromStdString(match[1].str());

    client::ConnectionOptions options;
    options.address = QString::fromStdString(server->loopbackAddress());
    options.token = QString::fromStdString(kioskToken);
    grpc = std::make_unique<client::GrpcCheckInClient>(options);
    auto opened = ReplicaFile::open(dir.filePath(QStringLiteral("kiosk/replica.sqlite")));
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<ReplicaFile>>(opened))
        << std::get<QString>(opened).toStdString();
    file = std::get<std::unique_ptr<ReplicaFile>>(std::move(opened));
    offline = std::make_unique<OfflineCheckInClient>(*grpc, *file);
    offline->setProbeInterval(200ms);
    offline->sync().setWait(1s);
    offline->start();
  }

  void startServer(const std::string& listen) {
    server = std::make_unique<e2e::ServerProcess>(
        e2e::ProcessOptions{{LANYARD_SERVER_BINARY, "demo", "--db", db, "--listen", listen}, {}, {}});
  }

  // Waits until the replica holds the sample delegate's sealed badge: the kiosk can then admit
  // and print them offline.
  qint64 waitForSealedSample() {
    qint64 id = 0;
    EXPECT_TRUE(waitUntil(
        [&] {
          if (!offline->replicaReady()) return false;
          OfflineRules rules(*file);
          const auto resolved = rules.resolveCode(code);
          if (!resolved.ok() || !resolved.value.delegate) return false;
          id = resolved.value.delegate->id;
          const auto row = file->delegate(id);
          return row && !row->sealed_badge().empty();
        },
        kDeadlineMs))
        << "the replica never held the sample delegate's seal";
    return id;
  }

  template <typename T, typename Call>
  Reply<T> await(Call call) {
    return testing::awaitReply<T>(call, kDeadlineMs);
  }

  Reply<client::CheckInResult> scan(const QString& requestId, const QString& scanned) {
    client::CheckInRequest request;
    request.requestId = requestId;
    request.scanTimeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    request.code = scanned;
    return await<client::CheckInResult>(
        [&](QObject* context, auto done) { offline->checkIn(request, context, std::move(done)); });
  }

  // Rows the server logged for these request ids, read from its file.
  std::vector<std::pair<std::string, std::int64_t>> logged(const std::string& requestIds) {
    auto database = server::storage::Database::open(db, {true, 5000});
    EXPECT_TRUE(database.ok()) << database.status();
    std::vector<std::pair<std::string, std::int64_t>> rows;
    if (!database.ok()) return rows;
    auto select = database->prepare("SELECT request_id, outcome FROM check_in WHERE request_id IN (" + requestIds +
                                    ") ORDER BY id");
    EXPECT_TRUE(select.ok()) << select.status();
    while (select.ok() && select->step().value_or(false))
      rows.emplace_back(select->columnText(0), select->columnInt(1));
    return rows;
  }

  QTemporaryDir dir;
  std::string db;
  std::unique_ptr<e2e::ServerProcess> server;
  std::string kioskToken;
  QString code;
  QString givenName;
  std::unique_ptr<client::GrpcCheckInClient> grpc;
  std::unique_ptr<ReplicaFile> file;
  std::unique_ptr<OfflineCheckInClient> offline;
};

TEST_F(OfflineClientTest, AdmitsAndPrintsWhileTheServerIsKilledAndUploadsEachDecisionOnce) {
  waitForSealedSample();
  const int port = server->port();
  ASSERT_TRUE(server->kill().has_value());

  const auto first = scan(QStringLiteral("offline-1"), code);
  ASSERT_TRUE(first.ok()) << first.error->message.toStdString();
  EXPECT_TRUE(offline->offline());
  EXPECT_EQ(first.value.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(first.value.badge.has_value()) << "no badge from the seal";
  EXPECT_EQ(first.value.badge->givenName, givenName);
  EXPECT_FALSE(first.value.badge->familyName.isEmpty());
  EXPECT_EQ(first.value.badge->badgeCode, code);

  // The same kiosk never admits the same person twice, offline.
  const auto second = scan(QStringLiteral("offline-2"), code);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value.outcome, CheckInOutcome::AlreadyCheckedIn);
  // A code that is no badge and no ticket is refused offline as online.
  const auto unknown = scan(QStringLiteral("offline-3"), QStringLiteral("NOT-A-TICKET-AT-ALL-123456"));
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown.value.outcome, CheckInOutcome::UnknownCode);
  EXPECT_EQ(offline->queueLength(), 3);

  startServer("127.0.0.1:" + std::to_string(port));
  ASSERT_TRUE(waitUntil([&] { return !offline->offline() && offline->queueLength() == 0; }, kDeadlineMs))
      << "the queue did not drain: " << offline->queueLength() << " left";
  const auto rows = logged("'offline-1', 'offline-2', 'offline-3'");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], std::pair(std::string("offline-1"), std::int64_t{1}));  // ADMITTED
  EXPECT_EQ(rows[1].first, "offline-2");
  EXPECT_NE(rows[1].second, 1);
  EXPECT_EQ(rows[2].first, "offline-3");

  // Back online, the server answers: already in, from the uploaded admission.
  const auto online = scan(QStringLiteral("online-1"), code);
  ASSERT_TRUE(online.ok());
  EXPECT_FALSE(offline->offline());
  EXPECT_EQ(online.value.outcome, CheckInOutcome::AlreadyCheckedIn);
}

// Waits until the replica holds the sealed badge of the delegate `scanned` names.
bool sealedFor(ReplicaFile& file, const QString& scanned) {
  OfflineRules rules(file);
  const auto resolved = rules.resolveCode(scanned);
  if (!resolved.ok() || !resolved.value.delegate) return false;
  const auto row = file.delegate(resolved.value.delegate->id);
  return row && !row->sealed_badge().empty();
}

TEST_F(OfflineClientTest, OfflineRefusesWhatTheServerRefusesAndFindsByNameWithProof) {
  // From deploy/demo/delegates.csv: Mohamed Bouazza is cancelled; Sophie Lambert is active.
  const QString cancelledTicket = QStringLiteral("2udqupk5zdbb739ktnfvsg3uh33qznje");
  const QString activeTicket = QStringLiteral("NB9AXS43H367MJXZCWGVNW6U2DK9N97Z");  // Ticket codes ignore case.
  waitForSealedSample();
  ASSERT_TRUE(
      waitUntil([&] { return sealedFor(*file, cancelledTicket) && sealedFor(*file, activeTicket); }, kDeadlineMs));
  ASSERT_TRUE(server->kill().has_value());

  const auto cancelled = scan(QStringLiteral("cancelled-1"), cancelledTicket);
  ASSERT_TRUE(cancelled.ok()) << cancelled.error->message.toStdString();
  EXPECT_EQ(cancelled.value.outcome, CheckInOutcome::Cancelled);
  EXPECT_FALSE(cancelled.value.badge.has_value());

  const auto ticket = scan(QStringLiteral("ticket-1"), activeTicket);
  ASSERT_TRUE(ticket.ok());
  EXPECT_EQ(ticket.value.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(ticket.value.badge.has_value());
  EXPECT_EQ(ticket.value.badge->familyName, QStringLiteral("Lambert"));

  // Found by given name and family initial, admitted with the first four letters of the e-mail.
  const auto found = await<client::SearchResult>(
      [&](QObject* context, auto done) { offline->searchDelegates(QStringLiteral("simona b"), 5, context, done); });
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found.value.matches.isEmpty());
  EXPECT_EQ(found.value.matches.first().displayName, QStringLiteral("Simona B."));
  const qint64 simona = found.value.matches.first().id;
  ASSERT_TRUE(waitUntil([&] { return file->delegate(simona) && !file->delegate(simona)->sealed_badge().empty(); },
                        kDeadlineMs));
  client::CheckInRequest byName;
  byName.requestId = QStringLiteral("name-wrong");
  byName.delegateId = simona;
  byName.proof = QStringLiteral("xxxx");
  const auto wrong = await<client::CheckInResult>(
      [&](QObject* context, auto done) { offline->checkIn(byName, context, std::move(done)); });
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong.value.outcome, CheckInOutcome::WrongProof);
  byName.requestId = QStringLiteral("name-right");
  byName.proof = QStringLiteral("SIMO");
  const auto right = await<client::CheckInResult>(
      [&](QObject* context, auto done) { offline->checkIn(byName, context, std::move(done)); });
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right.value.outcome, CheckInOutcome::Admitted);
  ASSERT_TRUE(right.value.badge.has_value());
  EXPECT_EQ(right.value.badge->familyName, QStringLiteral("Bieliūnė"));
  EXPECT_EQ(offline->queueLength(), 4);
}

// A line of the demo's CSV: fields split at commas outside quotes, quotes taken off.
QStringList csvFields(const QString& line) {
  QStringList fields{QString()};
  bool quoted = false;
  for (qsizetype i = 0; i < line.size(); ++i) {
    const QChar c = line[i];
    if (c == QLatin1Char('"')) {
      if (quoted && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
        fields.last() += c;
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == QLatin1Char(',') && !quoted) {
      fields.append(QString());
    } else {
      fields.last() += c;
    }
  }
  return fields;
}

// Every e-mail address and family name of the demo's delegates (deploy/demo/delegates.csv), as
// exact bytes. Family names of six bytes or more: a shorter one turns up in binary data by chance.
// One that is also a word of a shown field (an organisation, a city, a given name) is left out.
std::pair<std::vector<QByteArray>, std::vector<QByteArray>> demoSecrets() {
  QFile csv(QStringLiteral(LANYARD_SOURCE_DIR "/deploy/demo/delegates.csv"));
  EXPECT_TRUE(csv.open(QIODevice::ReadOnly)) << csv.fileName().toStdString();
  QList<QStringList> rows;
  QString shown;
  while (!csv.atEnd()) {
    const QStringList fields = csvFields(QString::fromUtf8(csv.readLine()).trimmed());
    if (fields.size() < 9 || fields[0] == QStringLiteral("external_ref")) continue;
    rows.append(fields);
    shown += fields[1] + QLatin1Char(' ') + fields[4] + QLatin1Char(' ') + fields[5] + QLatin1Char(' ');
  }
  std::vector<QByteArray> emails;
  std::vector<QByteArray> familyNames;
  for (const QStringList& fields : rows) {
    if (!fields[8].isEmpty()) emails.push_back(fields[8].toUtf8());
    const QByteArray family = fields[2].toUtf8();
    if (family.size() >= 6 && !shown.contains(fields[2], Qt::CaseInsensitive)) familyNames.push_back(family);
  }
  return {emails, familyNames};
}

TEST_F(OfflineClientTest, TheReplicaFileHoldsNoEmailAddressOrFamilyName) {
  waitForSealedSample();
  // Every delegate sealed and copied, and a check-in queued offline, are in the file.
  ASSERT_TRUE(waitUntil([&] { return file->freshness().delegates >= 300 && offline->replicaReady(); }, kDeadlineMs));
  const auto [emails, familyNames] = demoSecrets();
  ASSERT_GT(emails.size(), 300U);
  ASSERT_GT(familyNames.size(), 100U);
  offline.reset();
  file.reset();  // Closed: SQLite folds the WAL into the file.
  QByteArray bytes;
  for (const QString& name : QDir(dir.filePath(QStringLiteral("kiosk"))).entryList(QDir::Files)) {
    QFile part(dir.filePath(QStringLiteral("kiosk/") + name));
    ASSERT_TRUE(part.open(QIODevice::ReadOnly));
    bytes += part.readAll();
  }
  ASSERT_TRUE(bytes.contains(givenName.toUtf8())) << "the file read is not the replica";
  for (const QByteArray& email : emails) EXPECT_FALSE(bytes.contains(email)) << email.toStdString();
  for (const QByteArray& family : familyNames) {
    EXPECT_FALSE(bytes.contains(family)) << family.toStdString();
    EXPECT_FALSE(bytes.contains(family.toLower())) << family.toStdString();
  }
}

}  // namespace
}  // namespace lanyard::kiosk::offline
