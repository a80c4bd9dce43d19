#include "rpc/delegate_mask.h"

#include <google/protobuf/util/field_mask_util.h>

#include <algorithm>
#include <array>
#include <string>

#include "domain/str_cat.h"

namespace lanyard::server::rpc {

namespace {

using google::protobuf::FieldMask;
using google::protobuf::util::FieldMaskUtil;

constexpr std::array<std::string_view, 12> kEditablePaths = {
    "given_name", "family_name", "latin_name", "organisation", "city",         "country",
    "category",   "email",       "language",   "notes",        "external_ref", "external_ticket_code"};

std::string editableList() {
  std::string list;
  for (std::string_view path : kEditablePaths) list += strCat(list.empty() ? "" : ", ", path);
  return list;
}

}  // namespace

std::span<const std::string_view> editableDelegatePaths() { return kEditablePaths; }

absl::StatusOr<FieldMask> editableDelegateMask(const FieldMask& requested) {
  FieldMask mask;
  for (const std::string& path : requested.paths()) {
    if (std::find(kEditablePaths.begin(), kEditablePaths.end(), path) == kEditablePaths.end()) {
      return absl::InvalidArgumentError(
          strCat("update_mask: \"", path, "\" is not a field a correction may change; those are: ", editableList()));
    }
    if (!FieldMaskUtil::IsPathInFieldMask(path, mask)) mask.add_paths(path);
  }
  if (mask.paths().empty()) {
    for (std::string_view path : kEditablePaths) mask.add_paths(std::string(path));
  }
  return mask;
}

v1::Delegate applyDelegateMask(v1::Delegate stored, const v1::Delegate& correction, const FieldMask& mask) {
  FieldMaskUtil::MergeMessageTo(correction, mask, FieldMaskUtil::MergeOptions(), &stored);
  return stored;
}

}  // namespace lanyard::server::rpc
