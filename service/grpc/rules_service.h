#ifndef DISCIPLINE_SERVICE_GRPC_RULES_SERVICE_H_
#define DISCIPLINE_SERVICE_GRPC_RULES_SERVICE_H_

#include "asn/discipline/v1/rules.grpc.pb.h"
#include "service/domain/access.h"
#include "service/domain/calendar.h"
#include "service/domain/rules_engine.h"
#include "service/grpc/auth.h"

namespace discipline::grpc_api {

// RulesService over the pure rules engine and calendar: validate, call the
// core, map back. Neither is owned; both must outlive the service.
class RulesServiceImpl final : public asn::discipline::v1::RulesService::CallbackService {
 public:
  RulesServiceImpl(const domain::RulesEngine& engine, const domain::WorkingDayCalendar& calendar,
                   const Authenticator& auth, const domain::Policy& policy)
      : engine_(engine), calendar_(calendar), auth_(auth), policy_(policy) {}

  grpc::ServerUnaryReactor* AssessViolation(grpc::CallbackServerContext* ctx,
                                            const asn::discipline::v1::AssessViolationRequest* request,
                                            asn::discipline::v1::Assessment* response) override;
  grpc::ServerUnaryReactor* ListProvisions(grpc::CallbackServerContext* ctx,
                                           const asn::discipline::v1::ListProvisionsRequest* request,
                                           asn::discipline::v1::ListProvisionsResponse* response) override;
  grpc::ServerUnaryReactor* AddWorkingDays(grpc::CallbackServerContext* ctx,
                                           const asn::discipline::v1::AddWorkingDaysRequest* request,
                                           asn::discipline::v1::AddWorkingDaysResponse* response) override;

 private:
  // Any authenticated caller (the policy's RulesService roles).
  absl::Status Admit(const grpc::CallbackServerContext& ctx) const;

  const domain::RulesEngine& engine_;
  const domain::WorkingDayCalendar& calendar_;
  const Authenticator& auth_;
  const domain::Policy& policy_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_RULES_SERVICE_H_
