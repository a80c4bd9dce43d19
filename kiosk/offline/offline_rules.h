#pragma once

// The server's check-in rules, applied by a kiosk to its replica while it cannot reach the server:
// the same domain::decideCheckIn over facts read from the replica and the kiosk's own moves, the
// code's signature checked with the event's public key, a name proof checked by opening the
// delegate's sealed badge with it. What the kiosk cannot know (another kiosk's offline admissions)
// the server settles when the decisions are uploaded.

#include <QtCore/QList>
#include <QtCore/QString>
#include <cstdint>

#include "check_in_client.h"
#include "replica_file.h"

namespace lanyard::kiosk::offline {

class OfflineRules {
 public:
  explicit OfflineRules(ReplicaFile& file);

  // Whether the replica can decide: a first copy has completed and the event's details are known.
  bool ready();

  client::Reply<client::Resolution> resolveCode(const QString& code);
  client::Reply<client::SearchResult> searchDelegates(const QString& query, int limit);
  client::Reply<QList<client::SessionInfo>> listSessions();
  // Decides `request` at `nowUs` as the server would; an admission carries the badge, opened with
  // the scanned code or the typed proof. Records a wrong proof for the throttle. A staff PIN's
  // vouching needs the server: Unreachable.
  client::Reply<client::CheckInResult> checkIn(const client::CheckInRequest& request, std::int64_t nowUs);
  // Remembers a move this kiosk made (an admission or an exit, online or offline), so that it never
  // admits the same person twice before the feed shows the move.
  std::optional<QString> recordOwnMove(const client::CheckInRequest& request, const client::CheckInResult& result,
                                       std::int64_t timeUs);

 private:
  ReplicaFile& m_file;
};

}  // namespace lanyard::kiosk::offline
