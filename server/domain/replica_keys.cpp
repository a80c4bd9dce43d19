#include "domain/replica_keys.h"

#include <openssl/evp.h>

#include <algorithm>

#include "domain/badge_seal.h"
#include "domain/search_key.h"

namespace lanyard::server::domain {

namespace {

std::array<std::uint8_t, 32> sha256(std::initializer_list<std::string_view> parts) {
  std::array<std::uint8_t, 32> digest{};
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  unsigned int length = 0;
  bool ok = context != nullptr && EVP_DigestInit_ex(context, EVP_sha256(), nullptr) == 1;
  for (std::string_view part : parts) ok = ok && EVP_DigestUpdate(context, part.data(), part.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(context, digest.data(), &length) == 1;
  EVP_MD_CTX_free(context);
  // SHA-256 over memory fails only when allocation does; a zero digest then matches nothing issued.
  if (!ok) digest.fill(0);
  return digest;
}

std::string_view view(const ReplicaSalt& salt) { return {reinterpret_cast<const char*>(salt.data()), salt.size()}; }

template <typename T>
void sortUnique(std::vector<T>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

void append(std::vector<std::string>& out, std::vector<std::string> terms) {
  out.insert(out.end(), std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end()));
}

}  // namespace

ReplicaSalt replicaSalt(std::string_view eventPublicKey) { return sha256({"lanyard replica salt 1", eventPublicKey}); }

std::string ticketCodeHash(const ReplicaSalt& salt, std::string_view code) {
  const std::array<std::uint8_t, 32> digest = sha256({view(salt), "ticket", normaliseAdmissionCode(code)});
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

ReplicaSearchKeys replicaSearchKeys(const Delegate& d) {
  ReplicaSearchKeys keys;
  keys.nameTerms = searchTerms(d.givenName);
  append(keys.affiliationTerms, searchTerms(d.organisation));
  append(keys.affiliationTerms, searchTerms(d.city));
  sortUnique(keys.nameTerms);
  sortUnique(keys.affiliationTerms);
  return keys;
}

}  // namespace lanyard::server::domain
