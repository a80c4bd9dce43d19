#include "rpc/badge_content.h"

#include "domain/search_key.h"
#include "domain/str_cat.h"

namespace lanyard::server::rpc {

absl::StatusOr<v1::BadgeContent> badgeContent(const domain::BadgeSigner& signer, const domain::Delegate& d,
                                              std::optional<std::string_view> scannedCode) {
  v1::BadgeContent badge;
  badge.set_given_name(d.givenName);
  badge.set_family_name(d.familyName);
  badge.set_affiliation(d.organisation.empty() ? d.city : d.organisation);
  if (scannedCode) {
    badge.set_badge_code(domain::canonicalBadgeCode(*scannedCode));
  } else {
    absl::StatusOr<std::string> code = domain::badgeCodeFor(signer, d);
    if (!code.ok()) return code.status();
    badge.set_badge_code(std::move(*code));
  }
  badge.set_badge_version(d.badgeVersion);
  badge.set_latin_name(domain::badgeLatinLine(strCat(d.givenName, " ", d.familyName), d.latinName, d.language));
  return badge;
}

}  // namespace lanyard::server::rpc
