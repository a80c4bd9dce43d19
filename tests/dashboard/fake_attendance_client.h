#pragma once

// An AttendanceClient for tests: records every call and lets the test answer it, push feed
// messages and end the feed, all on the test's thread.

#include <QtCore/QPointer>
#include <memory>
#include <optional>

#include "attendance_client.h"

namespace lanyard::dashboard::testing {

class FakeAttendanceClient final : public client::AttendanceClient {
 public:
  // One open feed (or export) the test can drive. `alive` goes false when the owner destroys it.
  struct Feed {
    std::optional<qint64> afterSequence;
    QPointer<QObject> context;
    std::function<void(const client::AttendanceEvent&)> onEvent;
    std::function<void(const client::FeedEnd&)> onEnd;
    bool alive = true;
  };
  struct Export {
    client::ExportRequest request;
    std::function<void(const client::ExportChunk&)> onChunk;
    std::function<void(const client::Reply<client::ExportResult>&)> done;
    bool alive = true;
  };

  void getEvent(QObject* context, std::function<void(const client::Reply<client::EventInfo>&)> done) override {
    ++eventCalls;
    client::Reply<client::EventInfo> reply;
    if (eventError) {
      reply.error = *eventError;
    } else {
      reply.value = event;
    }
    answerLater(context, [done, reply] { done(reply); });
  }

  void getSummary(QObject* context,
                  std::function<void(const client::Reply<client::AttendanceSummary>&)> done) override {
    ++summaryCalls;
    client::Reply<client::AttendanceSummary> reply;
    if (summaryError) {
      reply.error = *summaryError;
    } else {
      reply.value = summary;
    }
    answerLater(context, [this, done, reply] {
      ++summaryAnswers;
      done(reply);
    });
  }

  std::unique_ptr<client::Stream> watch(std::optional<qint64> afterSequence, QObject* context,
                                        std::function<void(const client::AttendanceEvent&)> onEvent,
                                        std::function<void(const client::FeedEnd&)> onEnd) override {
    auto feed = std::make_shared<Feed>(Feed{afterSequence, context, std::move(onEvent), std::move(onEnd), true});
    feeds.push_back(feed);
    return std::make_unique<Handle<Feed>>(feed);
  }

  void listConflicts(int limit, QObject* context,
                     std::function<void(const client::Reply<client::ConflictList>&)> done) override {
    ++conflictListCalls;
    lastConflictLimit = limit;
    client::Reply<client::ConflictList> reply;
    reply.value = conflicts;
    answerLater(context, [done, reply] { done(reply); });
  }

  void markConflictSeen(qint64 id, QObject* context,
                        std::function<void(const client::Reply<client::Conflict>&)> done) override {
    markedSeen.push_back(id);
    client::Reply<client::Conflict> reply;
    for (client::Conflict& c : conflicts.conflicts) {
      if (c.id != id) continue;
      if (c.seenTimeUs == 0) {
        c.seenTimeUs = 1'778'572'000'000'000LL;
        c.seenBy = QStringLiteral("organiser-laptop");
        --conflicts.unseen;
      }
      reply.value = c;
    }
    if (reply.value.id == 0) reply.error = client::ClientError{client::ClientError::Kind::Failed, "not found"};
    answerLater(context, [done, reply] { done(reply); });
  }

  std::unique_ptr<client::Stream> exportFile(
      const client::ExportRequest& request, QObject*, std::function<void(const client::ExportChunk&)> onChunk,
      std::function<void(const client::Reply<client::ExportResult>&)> done) override {
    auto job = std::make_shared<Export>(Export{request, std::move(onChunk), std::move(done), true});
    exports.push_back(job);
    return std::make_unique<Handle<Export>>(job);
  }

  // The latest feed, which the controller should be holding open.
  Feed& feed() { return *feeds.back(); }
  // Sends a message on the latest feed, if its owner still holds it.
  void send(const client::AttendanceEvent& message) {
    if (feed().alive) feed().onEvent(message);
  }
  void sendSnapshot(const client::AttendanceSummary& s) {
    client::AttendanceEvent e;
    e.kind = client::AttendanceEvent::Kind::Snapshot;
    e.snapshot = s;
    send(e);
  }
  void sendActivities(const QList<client::Activity>& activities) {
    client::AttendanceEvent e;
    e.kind = client::AttendanceEvent::Kind::Activities;
    e.activities = activities;
    send(e);
  }
  void endFeed(client::ClientError::Kind kind, bool unknownSequence = false) {
    if (feed().alive) {
      feed().onEnd(client::FeedEnd{client::ClientError{kind, QStringLiteral("test: feed ended")}, unknownSequence});
    }
  }

  client::EventInfo event;
  std::optional<client::ClientError> eventError;
  client::AttendanceSummary summary;
  std::optional<client::ClientError> summaryError;
  int eventCalls = 0;
  int summaryCalls = 0;
  int summaryAnswers = 0;          // Answers delivered to the caller.
  client::ConflictList conflicts;  // What listConflicts answers; markConflictSeen marks in it.
  int conflictListCalls = 0;
  int lastConflictLimit = 0;
  std::vector<qint64> markedSeen;
  std::vector<std::shared_ptr<Feed>> feeds;
  std::vector<std::shared_ptr<Export>> exports;

 private:
  template <typename T>
  struct Handle final : client::Stream {
    explicit Handle(std::shared_ptr<T> t) : target(std::move(t)) {}
    ~Handle() override { target->alive = false; }
    std::shared_ptr<T> target;
  };

  // Answers asynchronously, as the real client does.
  static void answerLater(QObject* context, std::function<void()> answer) {
    QMetaObject::invokeMethod(context, std::move(answer), Qt::QueuedConnection);
  }
};

// A check-in activity at the entrance.
inline client::Activity checkInActivity(qint64 sequence, const QString& given, const QString& family,
                                        client::CheckInOutcome outcome = client::CheckInOutcome::Admitted,
                                        qint64 deviceId = 7) {
  client::Activity a;
  a.sequence = sequence;
  a.kind = client::ActivityKind::CheckIn;
  a.timeUs = 1'778'571'000'000'000LL + sequence * 1'000'000;
  a.deviceId = deviceId;
  a.deviceName = QStringLiteral("kiosk-entrance-1");
  a.delegate = client::ActivityDelegate{sequence, given, family, QStringLiteral("speaker"), QStringLiteral("Vilnius"),
                                        {},       false};
  a.outcome = outcome;
  return a;
}

// A small summary at `sequence`.
inline client::AttendanceSummary sampleSummary(qint64 sequence, int checkedIn) {
  client::AttendanceSummary s;
  s.sequence = sequence;
  s.serverTimeUs = 1'778'571'000'000'000LL + sequence * 1'000'000;
  s.timeZone = QStringLiteral("Europe/Prague");
  s.registered = 100;
  s.checkedIn = checkedIn;
  s.insideNow = checkedIn;
  s.noShows = 100 - checkedIn;
  s.categories = {{QStringLiteral("speaker"), QStringLiteral("Speaker"), 10, checkedIn, checkedIn, 10 - checkedIn},
                  {QStringLiteral("delegate"), QStringLiteral("Delegate"), 90, 0, 0, 90}};
  s.sessions = {{11, QStringLiteral("Opening plenary"), QStringLiteral("Main Hall"), s.serverTimeUs,
                 s.serverTimeUs + 3'600'000'000LL, 400, 0, checkedIn, checkedIn, checkedIn / 400.0},
                {12, QStringLiteral("Workshop"), QStringLiteral("Room 2.14"), s.serverTimeUs, s.serverTimeUs, 40, 40,
                 38, 38, 0.95}};
  s.arrivals = {{1'778'569'200'000'000LL, QStringLiteral("2026-05-12 09:00"), 3},
                {1'778'571'000'000'000LL, QStringLiteral("2026-05-12 09:30"), checkedIn}};
  client::KioskAttendance kiosk;
  kiosk.deviceId = 7;
  kiosk.name = QStringLiteral("kiosk-entrance-1");
  kiosk.lastSeenTimeUs = s.serverTimeUs - 10'000'000;
  kiosk.printerStatus = client::PrinterStatus::Ok;
  client::KioskAttendance silent;
  silent.deviceId = 8;
  silent.name = QStringLiteral("kiosk-entrance-2");
  silent.lastSeenTimeUs = s.serverTimeUs - 600'000'000;
  silent.printerStatus = client::PrinterStatus::PaperOut;
  s.kiosks = {kiosk, silent};
  return s;
}

}  // namespace lanyard::dashboard::testing
