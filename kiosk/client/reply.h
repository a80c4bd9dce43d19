#pragma once

// How every asynchronous client call answers: a value, or the error that prevented it. Plain Qt
// types, so that controllers and tests never see gRPC or protobuf.

#include <QtCore/QString>
#include <optional>

namespace lanyard::client {

// Why a call failed. A scan's outcome is never an error: it comes back as data.
struct ClientError {
  enum class Kind {
    Unreachable,    // No answer in time, or no connection (gRPC UNAVAILABLE / DEADLINE_EXCEEDED).
    NotAuthorised,  // The token is missing, wrong or revoked (UNAUTHENTICATED / PERMISSION_DENIED).
    OutOfDate,      // The server's state has moved past what the call assumed (FAILED_PRECONDITION),
                    // e.g. a replica cursor from an event file since replaced.
    Failed,         // Anything else; `message` says what.
  };
  Kind kind = Kind::Failed;
  QString message;  // English, for logs and the self-test; never shown to delegates.
};

// Either a value or the error that prevented it.
template <typename T>
struct Reply {
  std::optional<ClientError> error;
  T value{};

  bool ok() const { return !error.has_value(); }
};

}  // namespace lanyard::client
