#include "service/grpc/case_service.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "service/codec/case_codec.h"
#include "service/codec/page_token.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"
#include "service/domain/documents.h"
#include "service/domain/nip.h"
#include "service/grpc/status_mapping.h"

namespace discipline::grpc_api {
namespace {

namespace d = ::discipline::domain;

constexpr int kHistoryPageDefault = 100;
constexpr int kHistoryPageMax = 1000;
constexpr int kExportBatch = 500;

// What changed, for the audit event: the request without its request_id
// and without the confidential reporter.
template <typename Request>
std::string PayloadOf(const Request& request) {
  Request copy = request;
  copy.clear_request_id();
  if constexpr (std::is_same_v<Request, pb::FileCaseRequest>) {
    copy.set_reporter(app::ReporterAsAudited(copy.reporter()));
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(copy, &json, options);
  return json;
}

absl::StatusOr<absl::CivilDay> Date(const std::string& text, const std::string& field) {
  if (text.empty()) return InvalidField(field, "is required (YYYY-MM-DD)");
  return d::ParseIsoDate(text, field);
}

// The canonical request without its request_id, for idempotency: protobuf's
// deterministic serialization, so a retry of the same request has the same
// bytes.
template <typename Request>
std::string CanonicalRequest(const Request& request) {
  Request copy = request;
  copy.clear_request_id();
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  {
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy.SerializeToCodedStream(&coded);
  }
  return out;
}

template <typename Request>
app::ChangeInput ChangeOf(const Request& r) {
  return {r.request_id(), r.case_id(), r.version(), PayloadOf(r), CanonicalRequest(r)};
}

grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* ctx, Executor& executor,
                              std::function<absl::Status()> work) {
  return RunUnary(ctx, executor, std::move(work));
}

void ToProto(const ports::SiasnExport& e, pb::SiasnExport* out) {
  out->set_state(static_cast<pb::SiasnExportState>(e.state));
  out->set_attempts(e.attempts);
  out->set_last_error(e.last_error);
  if (e.exported_at.has_value()) {
    *out->mutable_exported_at() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(*e.exported_at));
  }
  out->set_siasn_id(e.siasn_id);
  out->set_idempotency_key(e.idempotency_key);
  if (e.state == ports::SiasnExportState::kPending) {
    out->set_step(e.step == ports::SiasnStep::kAttach ? pb::SIASN_EXPORT_STEP_ATTACH : pb::SIASN_EXPORT_STEP_SAVE);
  }
}

// A case as answered (app::CaseView): the stored form (no case the store
// returns carries the reporter; the use cases open it for intake's GetCase
// only) and what the use case computed when it was read: the working days
// left to each open deadline, the SIASN delivery.
void Answer(const app::CaseView& c, pb::Case* response) {
  codec::ToProto(c, response);
  for (int i = 0; i < response->open_deadlines_size() && i < static_cast<int>(c.working_days_left.size()); ++i) {
    if (c.working_days_left[i].has_value()) {
      response->mutable_open_deadlines(i)->set_working_days_left(*c.working_days_left[i]);
    }
  }
  if (c.siasn_export.has_value()) ToProto(*c.siasn_export, response->mutable_siasn_export());
  for (const app::CaseDocument& doc : c.documents) {
    pb::DocumentInfo* info = response->add_documents();
    info->mutable_metadata()->set_case_id(doc.metadata.case_id);
    info->mutable_metadata()->set_kind(static_cast<pb::DocumentKind>(doc.metadata.kind));
    info->mutable_metadata()->set_file_name(doc.metadata.file_name);
    info->mutable_metadata()->set_media_type(domain::ServedMediaType(doc.metadata.media_type));
    info->mutable_metadata()->set_agency_code(doc.metadata.agency_code);
    info->mutable_ref()->set_document_id(doc.ref.document_id);
    info->mutable_ref()->set_sha256(doc.ref.sha256);
    info->mutable_ref()->set_size_bytes(doc.ref.size_bytes);
  }
}

absl::Status Respond(absl::StatusOr<app::CaseView> c, pb::Case* response) {
  if (!c.ok()) return c.status();
  Answer(*c, response);
  return absl::OkStatus();
}

void ToProto(const d::AuditEvent& e, pb::AuditEvent* out) {
  out->set_case_id(e.case_id);
  out->set_sequence(e.sequence);
  *out->mutable_occurred_at() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(e.occurred_at));
  out->set_actor(e.actor);
  out->set_action(e.action);
  out->set_from_state(static_cast<pb::CaseState>(e.from_state));
  out->set_to_state(static_cast<pb::CaseState>(e.to_state));
  out->set_payload_json(e.payload_json);
  out->set_prev_hash(e.prev_hash);
  out->set_hash(e.hash);
}

}  // namespace

grpc::ServerUnaryReactor* CaseServiceImpl::FileCase(grpc::CallbackServerContext* ctx, const pb::FileCaseRequest* r,
                                                    pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    app::FileCaseInput in;
    in.request_id = r->request_id();
    in.agency_code = r->agency_code();
    in.employee_nip = r->employee_nip();
    if (!pb::Source_IsValid(r->source())) return InvalidField("source", "unknown enum value");
    in.source = static_cast<d::Source>(r->source());
    in.reporter = r->reporter();
    for (int i = 0; i < r->allegations_size(); ++i) {
      ASSIGN_OR_RETURN(auto a, codec::FromProto(r->allegations(i), absl::StrCat("allegations[", i, "]")));
      in.allegations.push_back(std::move(a));
    }
    ASSIGN_OR_RETURN(in.received_on, Date(r->received_on(), "received_on"));
    in.document_ids.assign(r->document_ids().begin(), r->document_ids().end());
    if (r->has_recommendation()) {
      ASSIGN_OR_RETURN(in.recommendation, codec::FromProto(r->recommendation(), "recommendation"));
      ASSIGN_OR_RETURN(in.follow_up_due_on,
                       codec::OptionalDate(r->recommendation().follow_up_due_on(), "recommendation.follow_up_due_on"));
    }
    in.related_case_id = r->related_case_id();
    if (!pb::CaseRelation_IsValid(r->relation())) return InvalidField("relation", "unknown enum value");
    in.relation = static_cast<d::CaseRelation>(r->relation());
    in.payload_json = PayloadOf(*r);
    // The NIP as stored: a retry that spaces it differently is the same
    // request.
    pb::FileCaseRequest canonical = *r;
    if (auto nip = d::NormalizeNip(r->employee_nip(), "employee_nip"); nip.ok()) canonical.set_employee_nip(*nip);
    in.request = CanonicalRequest(canonical);
    return Respond(cases_.FileCase(caller, in), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetCase(grpc::CallbackServerContext* ctx, const pb::GetCaseRequest* r,
                                                   pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    return Respond(cases_.GetCase(caller, r->case_id()), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetSiasnRecord(grpc::CallbackServerContext* ctx,
                                                          const pb::GetSiasnRecordRequest* r,
                                                          pb::SiasnRecord* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(app::SiasnAnswer a, cases_.SiasnRecord(caller, r->case_id()));
    response->set_case_id(r->case_id());
    codec::ToProto(a.record, response->mutable_hukdis());
    response->set_codes_version(a.codes_version);
    response->set_sk_document_id(a.record.sk_document_id);
    if (a.export_state.has_value()) ToProto(*a.export_state, response->mutable_export_());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::GetDisciplineStatus(grpc::CallbackServerContext* ctx,
                                                               const pb::GetDisciplineStatusRequest* r,
                                                               pb::DisciplineStatus* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(std::optional<absl::CivilDay> on_date, codec::OptionalDate(r->on_date(), "on_date"));
    ASSIGN_OR_RETURN(const d::DisciplineStatus status, cases_.GetDisciplineStatus(caller, r->nip(), on_date));
    codec::ToProto(status, response);
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ListCases(grpc::CallbackServerContext* ctx, const pb::ListCasesRequest* r,
                                                     pb::ListCasesResponse* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::CaseState_IsValid(r->state())) return InvalidField("state", "unknown enum value");
    ports::CaseFilter f;
    f.agency_code = r->agency_code();
    f.state = static_cast<d::CaseState>(r->state());
    f.employee_nip = r->employee_nip();
    f.overdue_only = r->overdue_only();
    f.page_size = r->page_size();
    f.awaiting_my_decision = r->awaiting_my_decision();
    if (!pb::NeutralityAspect_IsValid(r->neutrality_aspect())) {
      return InvalidField("neutrality_aspect", "unknown enum value");
    }
    f.neutrality_aspect = static_cast<d::NeutralityAspect>(r->neutrality_aspect());
    RETURN_IF_ERROR(codec::DecodeCasePageToken(r->page_token(), f));
    ASSIGN_OR_RETURN(app::CaseViewPage page, cases_.ListCases(caller, f));
    for (const app::CaseView& c : page.cases) Answer(c, response->add_cases());
    if (page.more && !page.cases.empty()) {
      response->set_next_page_token(codec::EncodeCasePageToken(f, page.cases.back()));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::IssueSummons(grpc::CallbackServerContext* ctx,
                                                        const pb::IssueSummonsRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    d::IssueSummonsCommand cmd;
    ASSIGN_OR_RETURN(cmd.issued_on, Date(r->issued_on(), "issued_on"));
    ASSIGN_OR_RETURN(cmd.examination_on, Date(r->examination_on(), "examination_on"));
    cmd.examiner_nips.assign(r->examiner_nips().begin(), r->examiner_nips().end());
    cmd.examination_team_nips.assign(r->examination_team_nips().begin(), r->examination_team_nips().end());
    cmd.examination_team_decree_number = r->examination_team_decree_number();
    cmd.letter_number = r->letter_number();
    cmd.examination_time = r->examination_time();
    cmd.examination_place = r->examination_place();
    cmd.signatory_nip = r->signatory_nip();
    return Respond(cases_.IssueSummons(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::RecordExamination(grpc::CallbackServerContext* ctx,
                                                             const pb::RecordExaminationRequest* r,
                                                             pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    d::RecordExaminationCommand cmd;
    ASSIGN_OR_RETURN(cmd.examined_on, Date(r->examined_on(), "examined_on"));
    cmd.attended = r->attended();
    for (int i = 0; i < r->findings_size(); ++i) {
      ASSIGN_OR_RETURN(auto f, codec::FromProto(r->findings(i), absl::StrCat("findings[", i, "]")));
      cmd.findings.push_back(std::move(f));
    }
    cmd.bap_document_id = r->bap_document_id();
    cmd.examiner_nips.assign(r->examiner_nips().begin(), r->examiner_nips().end());
    cmd.examination_team_nips.assign(r->examination_team_nips().begin(), r->examination_team_nips().end());
    cmd.temporary_release = r->temporary_release();
    return Respond(cases_.RecordExamination(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::RecommendSanction(grpc::CallbackServerContext* ctx,
                                                             const pb::RecommendSanctionRequest* r,
                                                             pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    // Default: the agency's today.
    ASSIGN_OR_RETURN(auto on, codec::OptionalDate(r->recommended_on(), "recommended_on"));
    return Respond(cases_.RecommendSanction(caller, ChangeOf(*r), on), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::DecideSanction(grpc::CallbackServerContext* ctx,
                                                          const pb::DecideSanctionRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::DecisionOutcome_IsValid(r->outcome())) return InvalidField("outcome", "unknown enum value");
    if (!pb::Punishment_IsValid(r->punishment())) return InvalidField("punishment", "unknown enum value");
    d::DecideCommand cmd;
    cmd.outcome = static_cast<d::DecisionOutcome>(r->outcome());
    cmd.punishment = static_cast<d::Punishment>(r->punishment());
    cmd.decision_number = r->decision_number();
    ASSIGN_OR_RETURN(cmd.decided_on, Date(r->decided_on(), "decided_on"));
    cmd.reason = r->reason();
    cmd.proposal_number = r->proposal_number();
    ASSIGN_OR_RETURN(cmd.proposed_on, codec::OptionalDate(r->proposed_on(), "proposed_on"));
    if (!pb::MoralSanction_IsValid(r->moral_sanction())) return InvalidField("moral_sanction", "unknown enum value");
    cmd.moral_sanction = static_cast<d::MoralSanction>(r->moral_sanction());
    cmd.decision_document_id = r->decision_document_id();
    return Respond(cases_.DecideSanction(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::WithdrawRecommendation(grpc::CallbackServerContext* ctx,
                                                                  const pb::WithdrawRecommendationRequest* r,
                                                                  pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    return Respond(cases_.WithdrawRecommendation(caller, ChangeOf(*r), {r->reason()}), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ReissueSummons(grpc::CallbackServerContext* ctx,
                                                          const pb::ReissueSummonsRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    d::ReissueSummonsCommand cmd;
    ASSIGN_OR_RETURN(cmd.summons.issued_on, Date(r->issued_on(), "issued_on"));
    ASSIGN_OR_RETURN(cmd.summons.examination_on, Date(r->examination_on(), "examination_on"));
    cmd.summons.examiner_nips.assign(r->examiner_nips().begin(), r->examiner_nips().end());
    cmd.summons.examination_team_nips.assign(r->examination_team_nips().begin(), r->examination_team_nips().end());
    cmd.summons.examination_team_decree_number = r->examination_team_decree_number();
    cmd.irregularity = r->irregularity();
    return Respond(cases_.ReissueSummons(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ReopenExamination(grpc::CallbackServerContext* ctx,
                                                             const pb::ReopenExaminationRequest* r,
                                                             pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    return Respond(cases_.ReopenExamination(caller, ChangeOf(*r), {r->reason()}), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::JoinCases(grpc::CallbackServerContext* ctx, const pb::JoinCasesRequest* r,
                                                     pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    const std::vector<std::string> joined(r->joined_case_ids().begin(), r->joined_case_ids().end());
    return Respond(cases_.JoinCases(caller, ChangeOf(*r), joined), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::RecordDelivery(grpc::CallbackServerContext* ctx,
                                                          const pb::RecordDeliveryRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(absl::CivilDay on, Date(r->delivered_on(), "delivered_on"));
    return Respond(cases_.RecordDelivery(caller, ChangeOf(*r), on), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::FileRemedy(grpc::CallbackServerContext* ctx, const pb::FileRemedyRequest* r,
                                                      pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::Remedy_IsValid(r->kind()) || r->kind() == pb::REMEDY_UNSPECIFIED) {
      return InvalidField("kind", "must be REMEDY_KEBERATAN or REMEDY_BANDING_ADMINISTRATIF");
    }
    ASSIGN_OR_RETURN(absl::CivilDay on, Date(r->filed_on(), "filed_on"));
    return Respond(cases_.FileRemedy(caller, ChangeOf(*r), static_cast<d::Remedy>(r->kind()), on), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::CloseCase(grpc::CallbackServerContext* ctx, const pb::CloseCaseRequest* r,
                                                     pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    d::CloseCommand cmd{r->reason(), r->terminated(), {}};
    if (!pb::TerminationReason_IsValid(r->termination_reason())) {
      return InvalidField("termination_reason", "unknown enum value");
    }
    cmd.termination_reason = static_cast<d::TerminationReason>(r->termination_reason());
    return Respond(cases_.CloseCase(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ConfirmCaseAction(grpc::CallbackServerContext* ctx,
                                                             const pb::ConfirmCaseActionRequest* r,
                                                             pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::CaseActionKind_IsValid(r->kind())) return InvalidField("kind", "unknown enum value");
    return Respond(
        cases_.ConfirmCaseAction(caller, ChangeOf(*r), static_cast<d::CaseActionKind>(r->kind()), r->reject()),
        response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::DecideRemedy(grpc::CallbackServerContext* ctx,
                                                        const pb::DecideRemedyRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::RemedyOutcome_IsValid(r->outcome())) return InvalidField("outcome", "unknown enum value");
    if (!pb::Punishment_IsValid(r->punishment())) return InvalidField("punishment", "unknown enum value");
    d::DecideRemedyCommand cmd;
    cmd.outcome = static_cast<d::RemedyOutcome>(r->outcome());
    cmd.punishment = static_cast<d::Punishment>(r->punishment());
    cmd.decision_number = r->decision_number();
    ASSIGN_OR_RETURN(cmd.decided_on, Date(r->decided_on(), "decided_on"));
    cmd.decided_by = codec::FromProto(r->decided_by());
    cmd.reason = r->reason();
    if (!pb::AnnulmentReason_IsValid(r->annulment_reason())) {
      return InvalidField("annulment_reason", "unknown enum value");
    }
    cmd.annulment_reason = static_cast<d::AnnulmentReason>(r->annulment_reason());
    cmd.decided_by_agency_code = r->decided_by_agency_code();
    return Respond(cases_.DecideRemedy(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::AddPriorPunishment(grpc::CallbackServerContext* ctx,
                                                              const pb::AddPriorPunishmentRequest* r,
                                                              pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!r->has_prior()) return InvalidField("prior", "is required (the punishment imposed outside the service)");
    ASSIGN_OR_RETURN(const d::PriorPunishment prior, codec::FromProto(r->prior(), "prior"));
    return Respond(cases_.AddPriorPunishment(caller, ChangeOf(*r), prior), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::ReleaseFromDuty(grpc::CallbackServerContext* ctx,
                                                           const pb::ReleaseFromDutyRequest* r, pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    d::ReleaseFromDutyCommand cmd;
    cmd.decree_number = r->decree_number();
    ASSIGN_OR_RETURN(cmd.decided_on, Date(r->decided_on(), "decided_on"));
    cmd.released_by_nip = r->released_by_nip();
    cmd.acting_official_nip = r->acting_official_nip();
    return Respond(cases_.ReleaseFromDuty(caller, ChangeOf(*r), std::move(cmd)), response);
  });
}

grpc::ServerUnaryReactor* CaseServiceImpl::RecordEmployeeEvent(grpc::CallbackServerContext* ctx,
                                                               const pb::RecordEmployeeEventRequest* r,
                                                               pb::Case* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (!pb::EmployeeEventKind_IsValid(r->event())) return InvalidField("event", "unknown enum value");
    d::RecordEmployeeEventCommand cmd;
    cmd.kind = static_cast<d::EmployeeEventKind>(r->event());
    ASSIGN_OR_RETURN(cmd.occurred_on, Date(r->occurred_on(), "occurred_on"));
    cmd.document_id = r->document_id();
    cmd.note = r->note();
    return Respond(cases_.RecordEmployeeEvent(caller, ChangeOf(*r), cmd), response);
  });
}

grpc::ServerUnaryReactor* AuditServiceImpl::GetCaseHistory(grpc::CallbackServerContext* ctx,
                                                           const pb::GetCaseHistoryRequest* r,
                                                           pb::GetCaseHistoryResponse* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    if (r->page_size() < 0) return InvalidField("page_size", "must not be negative");
    const int size = r->page_size() == 0 ? kHistoryPageDefault : std::min(r->page_size(), kHistoryPageMax);
    ASSIGN_OR_RETURN(int64_t after, codec::DecodeHistoryPageToken(r->page_token(), r->case_id()));
    ASSIGN_OR_RETURN(auto events, cases_.History(caller, r->case_id(), after, size + 1));
    for (int i = 0; i < static_cast<int>(events.size()) && i < size; ++i) ToProto(events[i], response->add_events());
    if (static_cast<int>(events.size()) > size) {
      response->set_next_page_token(codec::EncodeHistoryPageToken(r->case_id(), events[size - 1].sequence));
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AuditServiceImpl::VerifyCaseHistory(grpc::CallbackServerContext* ctx,
                                                              const pb::VerifyCaseHistoryRequest* r,
                                                              pb::VerifyCaseHistoryResponse* response) {
  return Run(ctx, executor_, [this, ctx, r, response]() -> absl::Status {
    ASSIGN_OR_RETURN(const domain::Caller caller, auth_.Authenticate(*ctx));
    ASSIGN_OR_RETURN(ports::VerifyResult v, cases_.Verify(caller, r->case_id()));
    response->set_valid(v.valid);
    response->set_events_checked(v.events_checked);
    response->set_first_invalid_sequence(v.first_invalid_sequence);
    response->set_reason(v.reason);
    return absl::OkStatus();
  });
}

namespace {

// Streams a case's history in batches loaded on the executor; one write in
// flight at a time.
class ExportReactor final : public grpc::ServerWriteReactor<pb::AuditEvent> {
 public:
  ExportReactor(app::CaseUseCases& cases, Executor& executor, absl::StatusOr<domain::Caller> caller,
                std::string case_id)
      : cases_(cases), executor_(executor), case_id_(std::move(case_id)) {
    if (!caller.ok()) {
      Finish(ToGrpcStatus(caller.status()));
      return;
    }
    caller_ = *std::move(caller);
    Load();
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
    WriteNext();
  }
  void OnDone() override { delete this; }

 private:
  void Load() {
    executor_.Submit([this] {
      auto events = cases_.History(caller_, case_id_, after_, kExportBatch, domain::Action::kExportCaseHistory);
      if (!events.ok()) return Finish(ToGrpcStatus(events.status()));
      batch_ = std::move(*events);
      next_ = 0;
      if (batch_.empty()) return Finish(grpc::Status::OK);
      WriteNext();
    });
  }
  void WriteNext() {
    if (next_ == batch_.size()) {
      if (batch_.size() < static_cast<size_t>(kExportBatch)) return Finish(grpc::Status::OK);
      return Load();
    }
    ToProto(batch_[next_], &current_);
    after_ = batch_[next_].sequence;
    ++next_;
    StartWrite(&current_);
  }

  app::CaseUseCases& cases_;
  Executor& executor_;
  const std::string case_id_;
  domain::Caller caller_;
  std::vector<d::AuditEvent> batch_;
  size_t next_ = 0;
  int64_t after_ = 0;
  pb::AuditEvent current_;
};

}  // namespace

grpc::ServerWriteReactor<pb::AuditEvent>* AuditServiceImpl::ExportCaseHistory(grpc::CallbackServerContext* ctx,
                                                                              const pb::ExportCaseHistoryRequest* r) {
  return new ExportReactor(cases_, executor_, auth_.Authenticate(*ctx), r->case_id());
}

}  // namespace discipline::grpc_api
