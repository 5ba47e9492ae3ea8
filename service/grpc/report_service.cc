#include "service/grpc/report_service.h"

#include "service/codec/case_codec.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::grpc_api {
namespace {

namespace pb = ::asn::discipline::v1;
namespace d = ::discipline::domain;

template <typename Request>
absl::StatusOr<app::ReportPeriod> PeriodOf(const Request& r) {
  app::ReportPeriod p;
  ASSIGN_OR_RETURN(p.from, codec::OptionalDate(r.from(), "from"));
  ASSIGN_OR_RETURN(p.to, codec::OptionalDate(r.to(), "to"));
  return p;
}

template <typename Request>
absl::StatusOr<d::NeutralityAspect> AspectOf(const Request& r) {
  if (!pb::NeutralityAspect_IsValid(r.neutrality_aspect())) {
    return InvalidField("neutrality_aspect", "unknown enum value");
  }
  return static_cast<d::NeutralityAspect>(r.neutrality_aspect());
}

void ToProto(const d::FollowThroughRow& row, pb::FollowThroughRow* out) {
  out->set_agency_code(row.agency_code);
  out->set_received(row.received);
  out->set_decided_in_time(row.decided_in_time);
  out->set_decided_late(row.decided_late);
  out->set_open(row.open);
  out->set_overdue(row.overdue);
  out->set_blocking_requested(row.blocking_requested);
  out->set_follow_through_rate(row.follow_through_rate);
}

}  // namespace

grpc::ServerUnaryReactor* ReportServiceImpl::GetFollowThroughReport(grpc::CallbackServerContext* ctx,
                                                                    const pb::GetFollowThroughReportRequest* r,
                                                                    pb::FollowThroughReport* response) {
  return RunUnary(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const d::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(const app::ReportPeriod period, PeriodOf(*r));
    ASSIGN_OR_RETURN(const d::NeutralityAspect aspect, AspectOf(*r));
    ASSIGN_OR_RETURN(app::FollowThroughAnswer a, reports_.FollowThrough(caller, r->agency_code(), period, aspect));
    response->set_from(d::FormatIsoDate(a.from));
    response->set_to(d::FormatIsoDate(a.to));
    response->set_as_of(d::FormatIsoDate(a.as_of));
    for (const auto& row : a.report.rows) ToProto(row, response->add_rows());
    ToProto(a.report.total, response->mutable_total());
    for (const auto& t : a.report.aspects) {
      pb::AspectCount* c = response->add_aspects();
      c->set_neutrality_aspect(static_cast<pb::NeutralityAspect>(t.aspect));
      c->set_cases(t.cases);
      c->set_decided(t.decided);
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* ReportServiceImpl::GetConsistencyReport(grpc::CallbackServerContext* ctx,
                                                                  const pb::GetConsistencyReportRequest* r,
                                                                  pb::ConsistencyReport* response) {
  return RunUnary(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const d::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(const app::ReportPeriod period, PeriodOf(*r));
    ASSIGN_OR_RETURN(const d::NeutralityAspect aspect, AspectOf(*r));
    ASSIGN_OR_RETURN(app::ConsistencyAnswer a,
                     reports_.Consistency(caller, r->agency_code(), r->provision_id(), period, aspect));
    response->set_from(d::FormatIsoDate(a.from));
    response->set_to(d::FormatIsoDate(a.to));
    response->set_min_cases_compared(a.report.min_cases);
    for (const auto& row : a.report.rows) {
      pb::ConsistencyRow* out = response->add_rows();
      out->set_provision_id(row.tally.provision_id);
      out->set_agency_code(row.tally.agency_code);
      out->set_punishment(static_cast<pb::Punishment>(row.tally.punishment));
      out->set_count(row.tally.count);
      out->set_departs(row.departs);
    }
    for (const auto& t : a.report.proven_rejections) {
      pb::ProvenFindingRejections* out = response->add_rejections_of_proven_findings();
      out->set_agency_code(t.agency_code);
      out->set_count(t.count);
      response->set_rejections_of_proven_findings_total(response->rejections_of_proven_findings_total() + t.count);
    }
    for (const auto& p : a.report.provisions) {
      pb::ProvisionConsistency* out = response->add_provisions();
      out->set_provision_id(p.provision_id);
      out->set_cases(p.cases);
      for (const auto& [punishment, n] : p.national) {
        pb::PunishmentCount* c = out->add_national();
        c->set_punishment(static_cast<pb::Punishment>(punishment));
        c->set_count(n);
      }
      out->set_national_usual(static_cast<pb::Punishment>(p.national_usual));
      for (const auto& dep : p.departures) {
        pb::AgencyDeparture* o = out->add_departing_agencies();
        o->set_agency_code(dep.agency_code);
        o->set_usual_punishment(static_cast<pb::Punishment>(dep.usual));
        o->set_cases(dep.cases);
        o->set_explanation(dep.explanation);
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace discipline::grpc_api
