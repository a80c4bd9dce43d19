#include "live/badge_sealer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

#include "domain/check_in.h"
#include "domain/thread_name.h"

namespace lanyard::server::live {

absl::StatusOr<std::unique_ptr<BadgeSealer>> BadgeSealer::start(domain::ReplicaStore& store, const domain::Event& event,
                                                                BadgeBytes badge, std::function<void()> onStored,
                                                                SealerOptions options) {
  absl::StatusOr<domain::BadgeSigner> signer = domain::signerForEvent(event);
  if (!signer.ok()) return signer.status();
  return std::unique_ptr<BadgeSealer>(
      new BadgeSealer(store, event, std::move(*signer), std::move(badge), std::move(onStored), options));
}

BadgeSealer::BadgeSealer(domain::ReplicaStore& store, const domain::Event& event, domain::BadgeSigner signer,
                         BadgeBytes badge, std::function<void()> onStored, SealerOptions options)
    : m_store(store),
      m_event(event),
      m_signer(std::move(signer)),
      m_badge(std::move(badge)),
      m_onStored(std::move(onStored)),
      m_options(options),
      m_thread([this] { run(); }) {}

BadgeSealer::~BadgeSealer() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wakeUp.notify_all();
  m_thread.join();
}

void BadgeSealer::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_wakeUp.notify_all();
}

absl::StatusOr<domain::ReplicaMaterial> BadgeSealer::prepare(const domain::Delegate& d) const {
  absl::StatusOr<std::string> code = domain::badgeCodeFor(m_signer, d);
  if (!code.ok()) return code.status();
  absl::StatusOr<std::string> badge = m_badge(d, *code);
  if (!badge.ok()) return badge.status();
  std::vector<std::string> codes = {*code};
  if (!d.externalTicketCode.empty()) codes.push_back(d.externalTicketCode);
  std::optional<std::string> proof;
  if (m_event.nameCheckInProof.enabled && !d.email.empty()) {
    proof = domain::expectedProof(m_event.nameCheckInProof, d.email);
  }
  absl::StatusOr<std::string> sealed = domain::sealBadge(d.id, *badge, codes, proof, m_options.cost);
  if (!sealed.ok()) return sealed.status();
  return domain::ReplicaMaterial{domain::replicaSearchKeys(d), std::move(*sealed)};
}

void BadgeSealer::run() {
  domain::nameThisThread("lanyard-sealer");
  // Linux gives each thread its own nice value.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), m_options.niceness);
  std::int64_t afterId = 0;  // Where this pass over the delegates has got to.
  while (true) {
    {
      std::unique_lock lock(m_mutex);
      if (afterId == 0) {
        // A pass from the start: only when woken, or now and then.
        m_wakeUp.wait_for(lock, m_options.recheck, [this] { return m_woken || m_stopping; });
        m_woken = false;
      }
      if (m_stopping) return;
    }
    absl::StatusOr<std::vector<domain::Delegate>> batch = m_store.delegatesAwaitingMaterial(afterId, m_options.batch);
    if (!batch.ok() || batch->empty()) {
      if (!batch.ok()) std::fprintf(stderr, "badge sealer: %s\n", batch.status().ToString().c_str());
      afterId = 0;
      continue;
    }
    std::vector<domain::PreparedMaterial> prepared;
    for (const domain::Delegate& d : *batch) {
      {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
      }
      absl::StatusOr<domain::ReplicaMaterial> material = prepare(d);
      if (material.ok()) {
        prepared.push_back({d.id, d.version, std::move(*material)});
      } else {
        std::fprintf(stderr, "badge sealer: delegate %lld: %s\n", static_cast<long long>(d.id),
                     material.status().ToString().c_str());
      }
    }
    afterId = batch->back().id;
    absl::StatusOr<int> stored = m_store.storeReplicaMaterial(prepared);
    if (!stored.ok()) {
      std::fprintf(stderr, "badge sealer: %s\n", stored.status().ToString().c_str());
      continue;
    }
    if (*stored > 0) m_onStored();
  }
}

}  // namespace lanyard::server::live
