#pragma once

#include <gtest/gtest.h>

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

}  // namespace lanyard::testing
