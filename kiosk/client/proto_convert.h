#pragma once

// Conversions from lanyard.v1 messages that more than one of the library's gRPC clients needs.
// Internal to the client library.

#include <QtCore/QString>
#include <string>

#include "check_in_client.h"
#include "lanyard/v1/check_in_service.pb.h"
#include "lanyard/v1/event_service.pb.h"

namespace lanyard::client {

inline QString fromStd(const std::string& text) { return QString::fromStdString(text); }

// An outcome this build does not know (a newer server) becomes Other.
CheckInOutcome toOutcome(lanyard::v1::CheckInOutcome outcome);
// Other becomes UNSPECIFIED.
lanyard::v1::CheckInOutcome toProtoOutcome(CheckInOutcome outcome);

DelegateSummary toSummary(const lanyard::v1::DelegateSummary& in);
BadgeContent toBadge(const lanyard::v1::BadgeContent& in);

// The event as both apps see it, with the name check-in proof rule parsed.
EventInfo toEvent(const lanyard::v1::GetEventResponse& in);

}  // namespace lanyard::client
