#pragma once

// Waiting on a condition with a deadline while the Qt event loop runs.

#include <gtest/gtest.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QObject>
#include <functional>
#include <optional>

#include "reply.h"

namespace lanyard::kiosk::testing {

// Processes events until `condition` holds or `timeoutMs` passes; returns whether it held.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs = 5000) {
  QDeadlineTimer deadline(timeoutMs);
  while (!condition()) {
    if (deadline.hasExpired()) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
  }
  return true;
}

// Runs `call(context, done)`, an asynchronous client call, and waits for its reply; a failure, and
// an error reply, when none comes within `timeoutMs`.
template <typename T, typename Call>
client::Reply<T> awaitReply(Call call, int timeoutMs) {
  std::optional<client::Reply<T>> reply;
  QObject context;
  call(&context, [&reply](const client::Reply<T>& answer) { reply = answer; });
  EXPECT_TRUE(waitUntil([&] { return reply.has_value(); }, timeoutMs)) << "no answer";
  return reply.value_or(client::Reply<T>{client::ClientError{}, T{}});
}

}  // namespace lanyard::kiosk::testing
