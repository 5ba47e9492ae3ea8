#include "service/grpc/rules_service.h"

#include "service/codec/case_codec.h"
#include "service/grpc/conversions.h"
#include "service/grpc/status_mapping.h"

namespace discipline::grpc_api {

namespace pb = ::asn::discipline::v1;

absl::Status RulesServiceImpl::Admit(const grpc::CallbackServerContext& ctx) const {
  auto caller = auth_.Authenticate(ctx);
  if (!caller.ok()) return caller.status();
  return domain::Authorize(*caller, domain::Action::kRules, nullptr, policy_);
}

grpc::ServerUnaryReactor* RulesServiceImpl::AssessViolation(grpc::CallbackServerContext* ctx,
                                                            const pb::AssessViolationRequest* request,
                                                            pb::Assessment* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  absl::Status status = [&]() -> absl::Status {
    if (absl::Status admitted = Admit(*ctx); !admitted.ok()) return admitted;
    auto facts = ToViolationFacts(*request);
    if (!facts.ok()) return facts.status();
    auto assessment = engine_.Assess(*facts);
    if (!assessment.ok()) return assessment.status();
    codec::ToProto(*assessment, response);
    return absl::OkStatus();
  }();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* RulesServiceImpl::ListProvisions(grpc::CallbackServerContext* ctx,
                                                           const pb::ListProvisionsRequest* request,
                                                           pb::ListProvisionsResponse* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  if (absl::Status admitted = Admit(*ctx); !admitted.ok()) {
    reactor->Finish(ToGrpcStatus(admitted));
    return reactor;
  }
  for (const domain::ProvisionSummary& p : engine_.ListProvisions()) codec::ToProto(p, response->add_provisions());
  response->set_rules_version(engine_.version());
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* RulesServiceImpl::AddWorkingDays(grpc::CallbackServerContext* ctx,
                                                           const pb::AddWorkingDaysRequest* request,
                                                           pb::AddWorkingDaysResponse* response) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  absl::Status status = [&]() -> absl::Status {
    if (absl::Status admitted = Admit(*ctx); !admitted.ok()) return admitted;
    auto from = domain::ParseIsoDate(request->from(), "from");
    if (!from.ok()) return from.status();
    auto date = calendar_.AddWorkingDays(*from, request->days(), request->agency_code());
    if (!date.ok()) return date.status();
    response->set_date(domain::FormatIsoDate(date->day));
    response->set_calendar_version(date->calendar_version);
    return absl::OkStatus();
  }();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace discipline::grpc_api
