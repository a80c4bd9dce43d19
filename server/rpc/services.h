#pragma once

#include <optional>

#include "domain/badge_code.h"
#include "domain/check_in.h"
#include "domain/event_store.h"
#include "domain/staff_pin.h"
#include "lanyard/v1/check_in_service.grpc.pb.h"
#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "lanyard/v1/device_service.grpc.pb.h"
#include "lanyard/v1/event_service.grpc.pb.h"
#include "live/attendance_hub.h"
#include "rpc/auth.h"
#include "rpc/pooled_arena_allocator.h"

// The lanyard.v1 services: each checks the caller's role, validates the request, calls the
// EventStore and translates the answer. No business rules live here.
namespace lanyard::server::rpc {

// What every service needs: the store, the authorizer and the event's badge signer.
struct ServiceContext {
  domain::EventStore& store;
  const Authorizer& authorizer;
  const domain::BadgeSigner& signer;
};

// Event information and the session list for every device.
class EventServiceImpl final : public v1::EventService::Service {
 public:
  explicit EventServiceImpl(ServiceContext context) : m_context(context) {}
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::GetEventResponse* response) override;
  grpc::Status ListSessions(grpc::ServerContext* context, const v1::ListSessionsRequest* request,
                            v1::ListSessionsResponse* response) override;
  grpc::Status SetStaffPin(grpc::ServerContext* context, const v1::SetStaffPinRequest* request,
                           v1::SetStaffPinResponse* response) override;

 private:
  ServiceContext m_context;
};

// Resolving codes, searching names, checking in and out, and recording badge prints.
// SearchDelegates and CheckIn run on gRPC's callback API, where the sync API's hand-off to a
// handler thread and back cost several times the work: a search runs inline on the thread that
// read the request (a fraction of a millisecond on a reader connection); a check-in is checked
// there and answered from the store's thread once its batch is durable, with no thread blocked
// while it waits.
class CheckInServiceImpl final
    : public v1::CheckInService::WithCallbackMethod_SearchDelegates<
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

// The help desk's and the admin's delegate and session management.
class DelegateServiceImpl final : public v1::DelegateService::Service {
 public:
  explicit DelegateServiceImpl(ServiceContext context) : m_context(context) {}
  grpc::Status GetDelegate(grpc::ServerContext* context, const v1::GetDelegateRequest* request,
                           v1::GetDelegateResponse* response) override;
  grpc::Status ListCheckIns(grpc::ServerContext* context, const v1::ListCheckInsRequest* request,
                            v1::ListCheckInsResponse* response) override;
  grpc::Status ListBadgePrints(grpc::ServerContext* context, const v1::ListBadgePrintsRequest* request,
                               v1::ListBadgePrintsResponse* response) override;
  grpc::Status CreateDelegate(grpc::ServerContext* context, const v1::CreateDelegateRequest* request,
                              v1::CreateDelegateResponse* response) override;
  grpc::Status UpdateDelegate(grpc::ServerContext* context, const v1::UpdateDelegateRequest* request,
                              v1::UpdateDelegateResponse* response) override;
  grpc::Status CancelDelegate(grpc::ServerContext* context, const v1::CancelDelegateRequest* request,
                              v1::CancelDelegateResponse* response) override;
  grpc::Status ReinstateDelegate(grpc::ServerContext* context, const v1::ReinstateDelegateRequest* request,
                                 v1::ReinstateDelegateResponse* response) override;
  grpc::Status ReissueBadge(grpc::ServerContext* context, const v1::ReissueBadgeRequest* request,
                            v1::ReissueBadgeResponse* response) override;
  grpc::Status ListBadgeCodes(grpc::ServerContext* context, const v1::ListBadgeCodesRequest* request,
                              v1::ListBadgeCodesResponse* response) override;
  // The imports check the token before reading the first part, and stop reading at the first part
  // that breaks a rule (see readUpload in services.cpp); they store only a whole, valid file.
  grpc::Status ImportDelegates(grpc::ServerContext* context, grpc::ServerReader<v1::ImportDelegatesRequest>* reader,
                               v1::ImportDelegatesResponse* response) override;
  grpc::Status ImportSessions(grpc::ServerContext* context, grpc::ServerReader<v1::ImportSessionsRequest>* reader,
                              v1::ImportSessionsResponse* response) override;

 private:
  ServiceContext m_context;
};

// Device tokens. Tells the live hub of revocations, so that the attendance summary marks them.
class DeviceServiceImpl final : public v1::DeviceService::Service {
 public:
  DeviceServiceImpl(ServiceContext context, live::AttendanceHub& hub) : m_context(context), m_hub(hub) {}
  grpc::Status CreateToken(grpc::ServerContext* context, const v1::CreateTokenRequest* request,
                           v1::CreateTokenResponse* response) override;
  grpc::Status ListDevices(grpc::ServerContext* context, const v1::ListDevicesRequest* request,
                           v1::ListDevicesResponse* response) override;
  grpc::Status RevokeToken(grpc::ServerContext* context, const v1::RevokeTokenRequest* request,
                           v1::RevokeTokenResponse* response) override;

 private:
  ServiceContext m_context;
  live::AttendanceHub& m_hub;
};

}  // namespace lanyard::server::rpc
