#include "rpc/pooled_arena_allocator.h"

#include <gtest/gtest.h>

#include <string>

#include "lanyard/v1/check_in_service.pb.h"

namespace lanyard::server::rpc {
namespace {

using SearchMessages = PooledArenaAllocator<v1::SearchDelegatesRequest, v1::SearchDelegatesResponse>;

TEST(PooledArenaAllocatorTest, MessagesLiveOnAnArena) {
  SearchMessages messages;
  auto* call = messages.AllocateMessages();
  EXPECT_NE(call->request()->GetArena(), nullptr);
  EXPECT_EQ(call->response()->GetArena(), call->request()->GetArena());
  call->Release();
}

TEST(PooledArenaAllocatorTest, AReusedHolderStartsWithEmptyMessages) {
  SearchMessages messages;
  auto* first = messages.AllocateMessages();
  first->request()->set_query("novak");
  first->response()->add_results()->mutable_summary()->set_given_name("Jana");
  first->Release();

  auto* second = messages.AllocateMessages();
  EXPECT_EQ(second, first) << "the released holder is reused";
  EXPECT_EQ(second->request()->query(), "");
  EXPECT_EQ(second->response()->results_size(), 0);
  second->Release();
}

TEST(PooledArenaAllocatorTest, AnAnswerLargerThanTheFirstBlockIsWhole) {
  SearchMessages messages;
  const std::string organisation(300, 'o');  // 200 results of 300 bytes: far beyond one block.
  for (int round = 0; round < 2; ++round) {
    auto* call = messages.AllocateMessages();
    // Released memory is given back: each round starts with nothing but its two messages.
    EXPECT_LT(call->response()->GetArena()->SpaceUsed(), 1024U) << "round " << round;
    for (int i = 0; i < 200; ++i) {
      v1::DelegateSummary* summary = call->response()->add_results()->mutable_summary();
      summary->set_id(i);
      summary->set_organisation(organisation);
    }
    v1::SearchDelegatesResponse parsed;
    ASSERT_TRUE(parsed.ParseFromString(call->response()->SerializeAsString()));
    ASSERT_EQ(parsed.results_size(), 200);
    EXPECT_EQ(parsed.results(199).summary().id(), 199);
    EXPECT_EQ(parsed.results(199).summary().organisation(), organisation);
    call->Release();
  }
}

TEST(PooledArenaAllocatorTest, CallsAtOnceGetTheirOwnMessages) {
  SearchMessages messages;
  auto* a = messages.AllocateMessages();
  auto* b = messages.AllocateMessages();
  EXPECT_NE(a, b);
  a->request()->set_query("a");
  b->request()->set_query("b");
  EXPECT_EQ(a->request()->query(), "a");
  a->Release();
  b->Release();
}

}  // namespace
}  // namespace lanyard::server::rpc
