#include "rpc/replica_cursor.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "domain/str_cat.h"

namespace lanyard::server::rpc {

namespace {

constexpr std::string_view kPrefix = "replica1";
// Longer than any cursor given out (a tag and four 19-digit numbers, in base64).
constexpr std::size_t kMaxCursorBytes = 160;

}  // namespace

std::string encodeReplicaCursor(std::uint32_t eventTag, const domain::ReplicaCursor& cursor) {
  return absl::WebSafeBase64Escape(strCat(kPrefix, ":", eventTag, ":", cursor.sessions.sequence, ":",
                                          cursor.sessions.id, ":", cursor.delegates.sequence, ":",
                                          cursor.delegates.id));
}

absl::StatusOr<domain::ReplicaCursor> decodeReplicaCursor(std::uint32_t eventTag, std::string_view text) {
  if (text.empty()) return domain::ReplicaCursor{};
  const auto garbled = [] { return absl::InvalidArgumentError("cursor is not one GetReplicaChanges gave out"); };
  std::string decoded;
  if (text.size() > kMaxCursorBytes ||
      !absl::WebSafeBase64Unescape(absl::string_view(text.data(), text.size()), &decoded)) {
    return garbled();
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(decoded, ':');
  if (parts.size() != 6 || parts[0] != absl::string_view(kPrefix.data(), kPrefix.size())) return garbled();
  std::uint32_t tag = 0;
  std::int64_t numbers[4] = {};
  if (!absl::SimpleAtoi(parts[1], &tag)) return garbled();
  for (std::size_t i = 0; i < 4; ++i) {
    if (!absl::SimpleAtoi(parts[i + 2], &numbers[i]) || numbers[i] < 0) return garbled();
  }
  if (encodeReplicaCursor(tag, {{numbers[0], numbers[1]}, {numbers[2], numbers[3]}}) != text) return garbled();
  if (tag != eventTag) {
    return absl::FailedPreconditionError(
        "cursor is from another event, or from before its file was restored from a backup: discard the replica "
        "and take it again from an empty cursor");
  }
  return domain::ReplicaCursor{{numbers[0], numbers[1]}, {numbers[2], numbers[3]}};
}

}  // namespace lanyard::server::rpc
