#pragma once

// The background worker that prepares every delegate's replica material: their search keys
// (domain/replica_keys.h) and their sealed badge (domain/badge_seal.h). Sealing costs a few
// milliseconds a delegate (scrypt), so it runs on one thread of its own at a low priority, never on
// the store's writer or a request's thread; a first sealing of 100,000 delegates takes about four
// minutes of one core, more while the server is busy. Plain C++ and threads over the domain.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "domain/badge_code.h"
#include "domain/badge_seal.h"
#include "domain/event.h"
#include "domain/replica_store.h"

namespace lanyard::server::live {

struct SealerOptions {
  int batch = 16;  // Delegates sealed per store write.
  // How often an idle sealer looks for work when nothing woke it (a write it was not told of).
  std::chrono::milliseconds recheck{30'000};
  domain::ScryptCost cost = domain::kProofKdfCost;
  int niceness = 10;  // The thread's nice value: check-ins and requests go first.
};

// Finds delegates whose replica material is missing (new ones, or whose sealed details changed),
// prepares it and stores it, batch by batch, until none is left; then waits to be woken. Each
// stored batch moves those delegates' rows on in the replica feed. Thread-safe.
class BadgeSealer {
 public:
  // The badge to seal for `d`, whose current badge code is `badgeCode`: the bytes a kiosk prints
  // from once it opens the seal.
  using BadgeBytes =
      std::function<absl::StatusOr<std::string>(const domain::Delegate& d, const std::string& badgeCode)>;

  // Starts the thread. `store` and `event` must outlive the sealer. `onStored` is called on the
  // sealer's thread after each batch it stored (quick; it must not wait for the sealer).
  // INVALID_ARGUMENT when the event's signing key is not usable.
  static absl::StatusOr<std::unique_ptr<BadgeSealer>> start(domain::ReplicaStore& store, const domain::Event& event,
                                                            BadgeBytes badge, std::function<void()> onStored,
                                                            SealerOptions options = {});
  // Stops the thread once its current delegate is sealed; what it has not stored is sealed again by
  // the next sealer.
  ~BadgeSealer();
  BadgeSealer(const BadgeSealer&) = delete;
  BadgeSealer& operator=(const BadgeSealer&) = delete;

  // Something may need sealing: a cheap call from any thread (such as a hub's onChange).
  void wake();

 private:
  BadgeSealer(domain::ReplicaStore& store, const domain::Event& event, domain::BadgeSigner signer, BadgeBytes badge,
              std::function<void()> onStored, SealerOptions options);

  void run();
  // One delegate's material; an error leaves the delegate for the next pass.
  absl::StatusOr<domain::ReplicaMaterial> prepare(const domain::Delegate& d) const;

  domain::ReplicaStore& m_store;
  const domain::Event& m_event;
  const domain::BadgeSigner m_signer;
  const BadgeBytes m_badge;
  const std::function<void()> m_onStored;
  const SealerOptions m_options;

  std::mutex m_mutex;
  std::condition_variable m_wakeUp;
  bool m_woken = true;      // Guarded by m_mutex. A first pass at start.
  bool m_stopping = false;  // Guarded by m_mutex.
  std::thread m_thread;     // Last: started once everything it uses is there.
};

}  // namespace lanyard::server::live
