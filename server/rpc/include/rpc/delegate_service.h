#pragma once

#include "lanyard/v1/delegate_service.grpc.pb.h"
#include "rpc/service_context.h"

namespace lanyard::server::rpc {

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
  // that breaks a rule (see readUpload in delegate_service.cpp); they store only a whole, valid file.
  grpc::Status ImportDelegates(grpc::ServerContext* context, grpc::ServerReader<v1::ImportDelegatesRequest>* reader,
                               v1::ImportDelegatesResponse* response) override;
  grpc::Status ImportSessions(grpc::ServerContext* context, grpc::ServerReader<v1::ImportSessionsRequest>* reader,
                              v1::ImportSessionsResponse* response) override;

 private:
  ServiceContext m_context;
};

}  // namespace lanyard::server::rpc
