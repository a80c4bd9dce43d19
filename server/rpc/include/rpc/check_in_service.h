#pragma once

#include <optional>

#include "domain/check_in.h"
#include "domain/staff_pin.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "rpc/pooled_arena_allocator.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

// Resolving codes, searching names, checking in and out, and recording badge prints.
// SearchDelegates and CheckIn run on gRPC's callback API, where the sync API's hand-off to a
// handler thread and back cost several times the work: a search runs inline on the thread that
// read the request (a fraction of a millisecond in the store's in-memory index); a check-in is checked
// there and answered from the store's thread once its batch is durable, with no thread blocked
// while it waits.
class CheckInServiceImpl final : public v1::CheckInService::WithCallbackMethod_SearchDelegates<
                                     v1::CheckInService::WithCallbackMethod_CheckIn<v1::CheckInService::Service>> {
 public:
  CheckInServiceImpl(ServiceContext context, domain::StaffPinGuard& staffPins)
      : m_context(context), m_staffPins(staffPins) {
    SetMessageAllocatorFor_SearchDelegates(&m_searchMessages);
  }
  grpc::Status ResolveCode(grpc::ServerContext* context, const v1::ResolveCodeRequest* request,
                           v1::ResolveCodeResponse* response) override;
  grpc::ServerUnaryReactor* SearchDelegates(grpc::CallbackServerContext* context,
                                            const v1::SearchDelegatesRequest* request,
                                            v1::SearchDelegatesResponse* response) override;
  grpc::ServerUnaryReactor* CheckIn(grpc::CallbackServerContext* context, const v1::CheckInRequest* request,
                                    v1::CheckInResponse* response) override;
  grpc::Status RecordBadgePrint(grpc::ServerContext* context, const v1::RecordBadgePrintRequest* request,
                                v1::RecordBadgePrintResponse* response) override;
  grpc::Status EnterStaffMode(grpc::ServerContext* context, const v1::EnterStaffModeRequest* request,
                              v1::EnterStaffModeResponse* response) override;
  grpc::Status GetBadge(grpc::ServerContext* context, const v1::GetBadgeRequest* request,
                        v1::GetBadgeResponse* response) override;

 private:
  grpc::Status search(const grpc::ServerContextBase& context, const v1::SearchDelegatesRequest& request,
                      v1::SearchDelegatesResponse* response);
  // The command a valid request asks for, scanned code classified; the caller's error otherwise.
  grpc::Status checkInCommand(const grpc::ServerContextBase& context, const v1::CheckInRequest& request,
                              domain::CheckInCommand* command);
  grpc::Status respond(const v1::CheckInRequest& request, const std::optional<domain::subject::Badge>& scanned,
                       const domain::CheckInResult& result, v1::CheckInResponse* response);

  ServiceContext m_context;
  domain::StaffPinGuard& m_staffPins;
  // SearchDelegates' request and answer: ten results are many small messages and strings.
  PooledArenaAllocator<v1::SearchDelegatesRequest, v1::SearchDelegatesResponse> m_searchMessages;
};

}  // namespace lanyard::server::rpc
