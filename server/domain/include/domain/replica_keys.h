#pragma once

// What a kiosk's replica holds in place of what it must not hold in the clear: ticket codes as
// salted hashes, and search terms only of what a kiosk shows anyway (the given name, the
// organisation, the city). Family names leave no search term at all: any key derived from them
// without a secret (a hash of a term or of its prefixes, with the salt every kiosk holds) gives
// them back to a dictionary, or letter by letter. Offline, a delegate is found by given name and
// family initial ("simona b"), as the results show them; online search is unchanged.
//
// What the ticket-code hashes protect, and what not: the salt is public, so they keep codes out of
// the clear (a look at the file, a grep) but a short ticket code gives way to trying them all.
// What bulk extraction of badges costs is the seal (badge_seal.h).
//
// Plain C++ over OpenSSL, for the server that fills a replica and the kiosk that searches it.
// Thread-safe.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/delegate.h"

namespace lanyard::server::domain {

using ReplicaSalt = std::array<std::uint8_t, 32>;

// The event's salt for replica hashes: SHA-256 of "lanyard replica salt 1" and the event's public
// key, so every event has its own and nothing needs storing.
ReplicaSalt replicaSalt(std::string_view eventPublicKey);

// SHA-256 of the salt, "ticket" and normaliseAdmissionCode(code) (badge_seal.h): 32 bytes.
std::string ticketCodeHash(const ReplicaSalt& salt, std::string_view code);

// A delegate's search terms as a replica holds them. The server ranks a term of a name three times
// one of the organisation or city, and an exact word twice a prefix (storage/search_index.h); a
// kiosk that ranks the same way over these finds what the server finds.
struct ReplicaSearchKeys {
  std::vector<std::string> nameTerms;         // searchTerms() of the given name: shown anyway.
  std::vector<std::string> affiliationTerms;  // Of the organisation and the city.
};

// `d`'s keys, each list sorted and without repeats; nothing of the family or Latin name. Folds through ICU
// (search_key.h): microseconds.
ReplicaSearchKeys replicaSearchKeys(const Delegate& d);

}  // namespace lanyard::server::domain
