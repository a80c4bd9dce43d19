#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "domain/delegate.h"
#include "domain/delegate_import.h"
#include "domain/import_summary.h"
#include "domain/page.h"

namespace lanyard::server::domain {

struct SearchHit {
  DelegateSummary delegate;
  int score = 0;  // Higher is better.
};

// The event's delegates: lookups, the help desk's changes, imports, listing and search.
// Thread-safe; fails with the codes EventStore lists.
class DelegateStore {
 public:
  virtual ~DelegateStore() = default;

  virtual absl::StatusOr<Delegate> delegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> delegateByExternalRef(std::string_view externalRef) = 0;
  // The delegate whose imported ticket code is `code` ignoring the case of ASCII letters.
  virtual absl::StatusOr<Delegate> delegateByTicketCode(std::string_view code) = 0;
  // The length in characters of the shortest imported ticket code; 0 when no delegate has one.
  // Cheap (one index seek): GetEvent asks it for every kiosk that starts or reconnects.
  virtual absl::StatusOr<int> shortestTicketCodeLength() = 0;
  // Adds a walk-in. Unless `allowDuplicate`, refuses with ALREADY_EXISTS, naming them, when the
  // event has delegates (cancelled ones included) who may be the same person: the same e-mail
  // ignoring ASCII case, the same name (domain::sameName), or a similar one: the name with words
  // added or left out (domain::nameWithin).
  virtual absl::StatusOr<Delegate> createDelegate(Delegate delegate, bool allowDuplicate) = 0;
  // Writes `delegate`'s names, details, external reference and ticket code over those of the
  // stored delegate with its id, keeping status and badge version, if the stored delegate is still
  // at `expectedVersion`: checked and written atomically, so of two corrections from the same
  // version one succeeds and the other fails with FAILED_PRECONDITION, writing nothing. The details
  // that change are marked corrected (DelegateField), and the version goes up by one; a correction
  // that changes nothing writes nothing.
  virtual absl::StatusOr<Delegate> updateDelegate(const Delegate& delegate, std::int64_t expectedVersion) = 0;
  // Cancellation and reinstatement at the help desk; re-imports keep them (DelegateField::Status).
  // Like a reissue, each bumps the delegate's version when it changes the record.
  virtual absl::StatusOr<Delegate> cancelDelegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> reinstateDelegate(std::int64_t id) = 0;
  virtual absl::StatusOr<Delegate> reissueBadge(std::int64_t id) = 0;
  // Delegates ordered by id; only active ones unless `includeCancelled`.
  virtual absl::StatusOr<std::vector<Delegate>> listDelegates(bool includeCancelled, Page page) = 0;
  // The ids of the sessions a delegate is registered for, ascending.
  virtual absl::StatusOr<std::vector<std::int64_t>> registeredSessionIds(std::int64_t delegateId) = 0;

  // Imports the organisers' delegate file, all or nothing. Delegates and the sessions they are
  // registered for are matched by external reference (sessions come first: SessionStore).
  virtual absl::StatusOr<ImportSummary> importDelegates(DelegateImport data) = 0;

  // Accent- and script-insensitive prefix search over name words, organisation and city.
  virtual absl::StatusOr<std::vector<SearchHit>> search(std::string_view query, int limit, bool includeCancelled) = 0;
};

}  // namespace lanyard::server::domain
