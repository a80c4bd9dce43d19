// ReplicaPageCache: one build per page and stamp, however many callers ask at once; never a page
// older than the stamp the caller read; at most the bytes it was given.

#include "rpc/replica_page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace lanyard::server::rpc {
namespace {

using Page = ReplicaPageCache::Page;

const domain::ReplicaStamp kFirst{10, 100};
const domain::ReplicaStamp kLater{11, 120};

ReplicaPageCache::Key keyAt(std::int64_t delegateId, int pageSize = 500) {
  ReplicaPageCache::Key key;
  key.cursor.delegates = {100, delegateId};
  key.pageSize = pageSize;
  return key;
}

Page pageOf(const std::string& text, const domain::ReplicaStamp& stamp) { return Page{grpc::Slice(text), stamp, true}; }

std::string textOf(const absl::StatusOr<Page>& page) {
  return page.ok() ? std::string(reinterpret_cast<const char*>(page->bytes.begin()), page->bytes.size())
                   : std::string(page.status().message());
}

TEST(ReplicaPageCacheTest, APageIsBuiltOnceForItsStampAndAgainOnceTheStampMovesOn) {
  ReplicaPageCache cache(1 << 20);
  int builds = 0;
  const auto build = [&](const std::string& text, const domain::ReplicaStamp& stamp) {
    return [&builds, text, stamp]() -> absl::StatusOr<Page> {
      ++builds;
      return pageOf(text, stamp);
    };
  };

  EXPECT_EQ(textOf(cache.answer(keyAt(0), kFirst, build("first", kFirst))), "first");
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kFirst, build("rebuilt", kFirst))), "first");
  EXPECT_EQ(builds, 1);
  EXPECT_EQ(textOf(cache.answer(keyAt(0, 100), kFirst, build("other size", kFirst))), "other size");
  EXPECT_EQ(textOf(cache.answer(keyAt(7), kFirst, build("other cursor", kFirst))), "other cursor");
  EXPECT_EQ(builds, 3);

  EXPECT_EQ(textOf(cache.answer(keyAt(0), kLater, build("later", kLater))), "later");
  EXPECT_EQ(builds, 4);
  EXPECT_EQ(cache.pages(), 1U) << "the pages of the older stamp are forgotten";
  EXPECT_EQ(cache.shared(), 1U);
}

TEST(ReplicaPageCacheTest, APageReadBeforeTheCallersStampIsNeverHandedOut) {
  ReplicaPageCache cache(1 << 20);
  // A build that read its snapshot before a commit the caller has seen: handed to that caller
  // (the freshest it has), but not kept for a caller at the newer stamp.
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kLater, [] { return pageOf("stale", kFirst); })), "stale");
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kLater, [] { return pageOf("fresh", kLater); })), "fresh");
  // A caller that read the older stamp before the newer page was kept gets the newer page.
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kFirst, [] { return pageOf("old", kFirst); })), "fresh");
}

TEST(ReplicaPageCacheTest, AFailedBuildIsNotKept) {
  ReplicaPageCache cache(1 << 20);
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kFirst, [] { return absl::UnavailableError("database busy"); })),
            "database busy");
  EXPECT_EQ(textOf(cache.answer(keyAt(0), kFirst, [] { return pageOf("built", kFirst); })), "built");
}

TEST(ReplicaPageCacheTest, ManyCallersAtOnceWaitForTheOneBuild) {
  ReplicaPageCache cache(1 << 20);
  constexpr int kCallers = 8;
  std::atomic<int> builds = 0;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const auto build = [&]() -> absl::StatusOr<Page> {
    ++builds;
    released.wait();
    return pageOf("page", kFirst);
  };
  std::vector<std::future<std::string>> callers;
  callers.reserve(kCallers);
  for (int i = 0; i < kCallers; ++i) {
    callers.push_back(std::async(std::launch::async, [&] { return textOf(cache.answer(keyAt(0), kFirst, build)); }));
  }
  // Every caller is inside answer(): one building, the others waiting for it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (cache.waiting() < kCallers - 1 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  ASSERT_EQ(cache.waiting(), static_cast<std::size_t>(kCallers - 1));
  release.set_value();
  for (auto& caller : callers) EXPECT_EQ(caller.get(), "page");
  EXPECT_EQ(builds.load(), 1);
  EXPECT_EQ(cache.shared(), static_cast<std::uint64_t>(kCallers - 1));
}

TEST(ReplicaPageCacheTest, KeepsAtMostItsBytesForgettingTheLeastRecentlyAsked) {
  ReplicaPageCache cache(10);
  const auto page = [](const char* text) { return [text] { return pageOf(text, kFirst); }; };
  ASSERT_TRUE(cache.answer(keyAt(1), kFirst, page("aaaa")).ok());
  ASSERT_TRUE(cache.answer(keyAt(2), kFirst, page("bbbb")).ok());
  ASSERT_TRUE(cache.answer(keyAt(1), kFirst, page("xxxx")).ok());  // Kept: 1 is now the most recent.
  ASSERT_TRUE(cache.answer(keyAt(3), kFirst, page("cccc")).ok());  // 12 bytes: 2 goes.
  EXPECT_EQ(cache.pages(), 2U);
  EXPECT_EQ(textOf(cache.answer(keyAt(1), kFirst, page("rebuilt"))), "aaaa");
  EXPECT_EQ(textOf(cache.answer(keyAt(2), kFirst, page("rebuilt"))), "rebuilt");
  EXPECT_EQ(textOf(cache.answer(keyAt(4), kFirst, page("more than ten bytes"))), "more than ten bytes");
  EXPECT_EQ(textOf(cache.answer(keyAt(4), kFirst, page("again"))), "again") << "a page over the limit is not kept";
}

}  // namespace
}  // namespace lanyard::server::rpc
