#pragma once

// What the delegate import tests share (delegate_import_*_test.cpp): the event's options and
// importing a CSV text of delegates or sessions.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "domain/delegate_import.h"

namespace lanyard::server::domain {

// The options of an event whose categories are delegate, speaker and invited_guest.
inline DelegateImportOptions eventOptions() {
  DelegateImportOptions options;
  options.categories = {"delegate", "speaker", "invited_guest"};
  return options;
}

// The import of `csv`; a failure of the test when it does not parse.
inline DelegateImport importOrDie(std::string_view csv, const DelegateImportOptions& options = eventOptions()) {
  absl::StatusOr<DelegateImport> result = parseDelegatesCsv(csv, options);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *std::move(result) : DelegateImport{};
}

// The error message of importing `csv`, or "" if it succeeds.
inline std::string importError(std::string_view csv, const DelegateImportOptions& options = eventOptions()) {
  absl::StatusOr<DelegateImport> result = parseDelegatesCsv(csv, options);
  if (result.ok()) {
    return "";
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

// The error message of importing sessions from `csv`, or "" if it succeeds.
inline std::string sessionsError(std::string_view csv, std::string_view zone = "Europe/Prague") {
  absl::StatusOr<std::vector<Session>> result = parseSessionsCsv(csv, zone);
  if (result.ok()) {
    return "";
  }
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

}  // namespace lanyard::server::domain
