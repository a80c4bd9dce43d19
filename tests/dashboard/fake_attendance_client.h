#pragma once

// An AttendanceClient for tests: records every call and lets the test answer it, push feed
// messages and end the feed, all on the test's thread.

#include <QtCore/QPointer>
#include <memory>
#include <optional>

#include "attendance_client.h"

namespace lanyard::dashboard::testing {

using namespace ::lanyard::client;

class FakeAttendanceClient final : public AttendanceClient {
 public:
  // One open feed (or export) the test can drive. `alive` goes false when the owner destroys it.
  struct Feed {
    std::optional<qint64> afterSequence;
    QPointer<QObject> context;
    std::function<void(const AttendanceEvent&)> onEvent;
    std::function<void(const FeedEnd&)> onEnd;
    bool alive = true;
  };
  struct Export {
    ExportRequest request;
    std::function<void(const ExportChunk&)> onChunk;
    std::function<void(const Reply<ExportResult>&)> done;
    bool alive = true;
  };

  void getEvent(QObject* context, std::function<void(const Reply<EventInfo>&)> done) override {
    ++eventCalls;
    Reply<EventInfo> reply;
    if (eventError) {
      reply.error = *eventError;
    } else {
      reply.value = event;
    }
    answerLater(context, [done, reply] { done(reply); });
  }

  void getSummary(QObject* context, std::function<void(const Reply<AttendanceSummary>&)> done) override {
    ++summaryCalls;
    Reply<AttendanceSummary> reply;
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

  std::unique_ptr<Stream> watch(std::optional<qint64> afterSequence, QObject* context,
                                std::function<void(const AttendanceEvent&)> onEvent,
                                std::function<void(const FeedEnd&)> onEnd) override {
    auto feed = std::make_shared<Feed>(Feed{afterSequence, context, std::move(onEvent), std::move(onEnd), true});
    feeds.push_back(feed);
    return std::make_unique<Handle<Feed>>(feed);
  }

  std::unique_ptr<Stream> exportFile(const ExportRequest& request, QObject*,
                                     std::function<void(const ExportChunk&)> onChunk,
                                     std::function<void(const Reply<ExportResult>&)> done) override {
    auto job = std::make_shared<Export>(Export{request, std::move(onChunk), std::move(done), true});
    exports.push_back(job);
    return std::make_unique<Handle<Export>>(job);
  }

  // The latest feed, which the controller should be holding open.
  Feed& feed() { return *feeds.back(); }
  // Sends a message on the latest feed, if its owner still holds it.
  void send(const AttendanceEvent& message) {
    if (feed().alive) feed().onEvent(message);
  }
  void sendSnapshot(const AttendanceSummary& s) {
    AttendanceEvent e;
    e.kind = AttendanceEvent::Kind::Snapshot;
    e.snapshot = s;
    send(e);
  }
  void sendActivities(const QList<Activity>& activities) {
    AttendanceEvent e;
    e.kind = AttendanceEvent::Kind::Activities;
    e.activities = activities;
    send(e);
  }
  void endFeed(ClientError::Kind kind, bool unknownSequence = false) {
    if (feed().alive) feed().onEnd(FeedEnd{ClientError{kind, QStringLiteral("test: feed ended")}, unknownSequence});
  }

  EventInfo event;
  std::optional<ClientError> eventError;
  AttendanceSummary summary;
  std::optional<ClientError> summaryError;
  int eventCalls = 0;
  int summaryCalls = 0;
  int summaryAnswers = 0;  // Answers delivered to the caller.
  std::vector<std::shared_ptr<Feed>> feeds;
  std::vector<std::shared_ptr<Export>> exports;

 private:
  template <typename T>
  struct Handle final : Stream {
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
inline Activity checkInActivity(qint64 sequence, const QString& given, const QString& family,
                                CheckInOutcome outcome = CheckInOutcome::Admitted, qint64 deviceId = 7) {
  Activity a;
  a.sequence = sequence;
  a.kind = ActivityKind::CheckIn;
  a.timeUs = 1'778'571'000'000'000LL + sequence * 1'000'000;
  a.deviceId = deviceId;
  a.deviceName = QStringLiteral("kiosk-entrance-1");
  a.delegate =
      ActivityDelegate{sequence, given, family, QStringLiteral("speaker"), QStringLiteral("Vilnius"), {}, false};
  a.outcome = outcome;
  return a;
}

// A small summary at `sequence`.
inline AttendanceSummary sampleSummary(qint64 sequence, int checkedIn) {
  AttendanceSummary s;
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
  KioskAttendance kiosk;
  kiosk.deviceId = 7;
  kiosk.name = QStringLiteral("kiosk-entrance-1");
  kiosk.lastSeenTimeUs = s.serverTimeUs - 10'000'000;
  kiosk.printerStatus = PrinterStatus::Ok;
  KioskAttendance silent;
  silent.deviceId = 8;
  silent.name = QStringLiteral("kiosk-entrance-2");
  silent.lastSeenTimeUs = s.serverTimeUs - 600'000'000;
  silent.printerStatus = PrinterStatus::PaperOut;
  s.kiosks = {kiosk, silent};
  return s;
}

}  // namespace lanyard::dashboard::testing
