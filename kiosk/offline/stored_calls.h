#pragma once

// The JSON forms in which the kiosk's replica file keeps what it must have again after a restart:
// the event's details (so that a kiosk restarted offline starts), and the calls queued for upload.

#include <QtCore/QByteArray>
#include <optional>

#include "check_in_client.h"

namespace lanyard::kiosk::offline {

QByteArray eventInfoToJson(const client::EventInfo& event);
std::optional<client::EventInfo> eventInfoFromJson(const QByteArray& json);

QByteArray checkInToJson(const client::CheckInRequest& request);
std::optional<client::CheckInRequest> checkInFromJson(const QByteArray& json);

QByteArray badgePrintToJson(const client::BadgePrintRecord& record);
std::optional<client::BadgePrintRecord> badgePrintFromJson(const QByteArray& json);

}  // namespace lanyard::kiosk::offline
