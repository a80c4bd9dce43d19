#pragma once

// What a kiosk's replica holds in place of what it must not hold in the clear: ticket codes as
// salted hashes, and the search terms of family names as salted hashes of their prefixes, so that
// the kiosk finds "Novák" by "nov" offline as the server does, without a file that lists family
// names.
//
// What the hashes protect, and what not: the salt is public (every kiosk has it), so they keep
// family names and ticket codes out of the clear (a look at the file, a grep) but not from
// someone who sets out to recover them: a prefix hash gives a family name away letter by letter,
// and a short ticket code gives way to trying them all. What bulk extraction costs is the seal
// (badge_seal.h).
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

// The first 8 bytes, big-endian, of SHA-256 of the salt, "name" and `text` (a search term or a
// query spelling, both [a-z0-9], see search_key.h).
std::uint64_t hiddenNameHash(const ReplicaSalt& salt, std::string_view text);

// A delegate's search terms as a replica holds them. The server ranks a term of a name three times
// one of the organisation or city, and an exact word twice a prefix (storage/search_index.h); a
// kiosk that ranks the same way over these finds what the server finds.
struct ReplicaSearchKeys {
  std::vector<std::string> nameTerms;             // searchTerms() of the given name: shown anyway.
  std::vector<std::string> affiliationTerms;      // Of the organisation and the city.
  std::vector<std::uint64_t> hiddenNamePrefixes;  // hiddenNameHash() of every prefix of every
                                                  // term of the family name and the Latin name.
  std::vector<std::uint64_t> hiddenNameTerms;     // hiddenNameHash() of those whole terms.
};

// `d`'s keys, each list sorted and without repeats. Folds through ICU (search_key.h): microseconds.
ReplicaSearchKeys replicaSearchKeys(const Delegate& d, const ReplicaSalt& salt);

}  // namespace lanyard::server::domain
