#pragma once

#include <google/protobuf/arena.h>
#include <grpcpp/support/message_allocator.h>

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace lanyard::server::rpc {

// Request and response of a callback method on a protobuf arena whose first block is kept and
// reused from call to call: an answer of many small messages and strings (ten search results)
// then costs no allocation but its long strings' own. Register it with the generated
// SetMessageAllocatorFor_METHOD(); it must outlive the server. Thread-safe.
template <typename Request, typename Response>
class PooledArenaAllocator final : public grpc::MessageAllocator<Request, Response> {
 public:
  grpc::MessageHolder<Request, Response>* AllocateMessages() override {
    std::unique_ptr<Holder> holder;
    {
      std::lock_guard lock(m_mutex);
      if (!m_idle.empty()) {
        holder = std::move(m_idle.back());
        m_idle.pop_back();
      }
    }
    if (!holder) holder = std::make_unique<Holder>(*this);
    holder->start();
    return holder.release();
  }

 private:
  // Enough for a kiosk's ten search results; a bigger answer takes further blocks, freed on reuse.
  static constexpr std::size_t kBlockBytes = 8192;
  // Holders kept for reuse; more calls than this at once allocate and free the rest.
  static constexpr std::size_t kMaxIdle = 64;

  class Holder final : public grpc::MessageHolder<Request, Response> {
   public:
    explicit Holder(PooledArenaAllocator& owner) : m_owner(owner), m_arena(options(m_block)) {}

    void start() {
      this->set_request(google::protobuf::Arena::CreateMessage<Request>(&m_arena));
      this->set_response(google::protobuf::Arena::CreateMessage<Response>(&m_arena));
    }

    void Release() override {
      m_arena.Reset();
      m_owner.recycle(std::unique_ptr<Holder>(this));
    }

   private:
    static google::protobuf::ArenaOptions options(std::array<char, kBlockBytes>& block) {
      google::protobuf::ArenaOptions options;
      options.initial_block = block.data();
      options.initial_block_size = block.size();
      return options;
    }

    PooledArenaAllocator& m_owner;
    alignas(std::max_align_t) std::array<char, kBlockBytes> m_block;
    google::protobuf::Arena m_arena;  // After m_block, which it starts in.
  };

  void recycle(std::unique_ptr<Holder> holder) {
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < kMaxIdle) m_idle.push_back(std::move(holder));
  }

  std::mutex m_mutex;
  std::vector<std::unique_ptr<Holder>> m_idle;
};

}  // namespace lanyard::server::rpc
