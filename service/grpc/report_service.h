#ifndef DISCIPLINE_SERVICE_GRPC_REPORT_SERVICE_H_
#define DISCIPLINE_SERVICE_GRPC_REPORT_SERVICE_H_

#include "asn/discipline/v1/reports.grpc.pb.h"
#include "service/app/report_use_cases.h"
#include "service/grpc/auth.h"
#include "service/grpc/executor.h"

namespace discipline::grpc_api {

// ReportService: authenticate, validate, one call into the use cases,
// convert. No dependency is owned.
class ReportServiceImpl final : public asn::discipline::v1::ReportService::CallbackService {
 public:
  ReportServiceImpl(app::ReportUseCases& reports, Executor& executor, const Authenticator& auth)
      : reports_(reports), executor_(executor), auth_(auth) {}

  grpc::ServerUnaryReactor* GetFollowThroughReport(grpc::CallbackServerContext* ctx,
                                                   const asn::discipline::v1::GetFollowThroughReportRequest* request,
                                                   asn::discipline::v1::FollowThroughReport* response) override;
  grpc::ServerUnaryReactor* GetConsistencyReport(grpc::CallbackServerContext* ctx,
                                                 const asn::discipline::v1::GetConsistencyReportRequest* request,
                                                 asn::discipline::v1::ConsistencyReport* response) override;

 private:
  app::ReportUseCases& reports_;
  Executor& executor_;
  const Authenticator& auth_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_REPORT_SERVICE_H_
