#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "domain/badge_code.h"
#include "domain/event.h"

namespace lanyard::testing {

// The demo conference's settings with a fresh Ed25519 key: what `lanyard-server init` stores.
inline server::domain::Event testEvent() {
  server::domain::Event event;
  event.name = "Integrating Cities";
  event.timeZone = "Europe/Prague";
  event.startDate = "2026-05-12";
  event.endDate = "2026-05-13";
  event.categories = server::domain::defaultCategories();
  absl::StatusOr<server::domain::KeyPair> keys = server::domain::BadgeSigner::generateKeyPair();
  EXPECT_TRUE(keys.ok()) << keys.status();
  if (keys.ok()) {
    event.signingSeed.assign(keys->privateSeed.begin(), keys->privateSeed.end());
    event.publicKey.assign(keys->publicKey.begin(), keys->publicKey.end());
  }
  return event;
}

// A new directory under the system's temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lanyard_test_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }

  const std::filesystem::path& path() const { return m_path; }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

 private:
  std::filesystem::path m_path;
};

}  // namespace lanyard::testing
