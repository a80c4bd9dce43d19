#pragma once

#include <grpcpp/support/status.h>

#include <string>

namespace lanyard::testing {

// Every page of a list RPC merged into `all` (whose next_page_token is then empty), following
// next_page_token from `request`'s page on. `call(request, page)` makes one call, with a fresh
// client context. Returns the first failed page's status.
template <typename Request, typename Response, typename Call>
grpc::Status allPages(Request request, Response* all, const Call& call) {
  all->Clear();
  do {
    Response page;
    if (grpc::Status status = call(request, &page); !status.ok()) return status;
    request.set_page_token(page.next_page_token());
    all->MergeFrom(page);
  } while (!request.page_token().empty());
  all->clear_next_page_token();
  return grpc::Status::OK;
}

}  // namespace lanyard::testing
