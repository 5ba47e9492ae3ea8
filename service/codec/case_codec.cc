#include "service/codec/case_codec.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"
#include "service/domain/discipline_status.h"

namespace discipline::codec {
namespace {

namespace d = ::discipline::domain;
using google::protobuf::util::TimeUtil;

static_assert(static_cast<int>(d::CaseState::kTerminated) == pb::CASE_STATE_TERMINATED);
static_assert(static_cast<int>(d::Source::kLainnya) == pb::SOURCE_LAINNYA);
static_assert(static_cast<int>(d::DecisionOutcome::kReject) == pb::DECISION_OUTCOME_REJECT);
static_assert(static_cast<int>(d::RemedyOutcome::kAnnulled) == pb::REMEDY_OUTCOME_ANNULLED);
static_assert(static_cast<int>(d::EmployeeType::kPppk) == pb::EMPLOYEE_TYPE_PPPK);
static_assert(static_cast<int>(d::Issuer::kKasn) == pb::ISSUER_KASN);
static_assert(static_cast<int>(d::NeutralityAspect::kPengambilanKeputusan) ==
              pb::NEUTRALITY_ASPECT_PENGAMBILAN_KEPUTUSAN);
static_assert(static_cast<int>(d::MoralSanction::kPernyataanTerbuka) == pb::MORAL_SANCTION_PERNYATAAN_TERBUKA);
static_assert(static_cast<int>(d::FollowUpState::kDone) == pb::FOLLOW_UP_STATE_DONE);

std::string Date(const std::optional<absl::CivilDay>& day) { return day.has_value() ? d::FormatIsoDate(*day) : ""; }
std::string Date(absl::CivilDay day) { return d::FormatIsoDate(day); }

absl::StatusOr<absl::CivilDay> RequiredDate(const std::string& text, const std::string& field) {
  return d::ParseIsoDate(text, field);
}

google::protobuf::Timestamp Ts(absl::Time t) { return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t)); }

void ToProto(const d::Official& o, pb::Official* out) {
  out->set_role(static_cast<pb::AuthorityRole>(o.role));
  out->set_nip(o.nip);
  out->set_name(o.name);
  out->set_title(o.title);
}

template <typename P>
void FactsToProto(const d::ViolationRecord& v, P* out) {
  out->set_provision_id(v.provision_id);
  out->set_description(v.description);
  out->set_impact(static_cast<pb::Impact>(v.impact));
  out->set_absence_days(v.absence_days);
  out->set_consecutive_absence_days(v.consecutive_absence_days);
  out->set_candidate_status(static_cast<pb::CandidateStatus>(v.candidate_status));
  out->set_neutrality_aspect(static_cast<pb::NeutralityAspect>(v.neutrality_aspect));
}

template <typename P>
absl::StatusOr<d::ViolationRecord> FactsFromProto(const P& p, const std::string& field) {
  if (!pb::Impact_IsValid(p.impact())) return InvalidField(field + ".impact", "unknown enum value");
  if (!pb::CandidateStatus_IsValid(p.candidate_status())) {
    return InvalidField(field + ".candidate_status", "unknown enum value");
  }
  if (!pb::NeutralityAspect_IsValid(p.neutrality_aspect())) {
    return InvalidField(field + ".neutrality_aspect", "unknown enum value");
  }
  if (p.provision_id().empty()) return InvalidField(field + ".provision_id", "is required");
  d::ViolationRecord v;
  v.provision_id = p.provision_id();
  v.description = p.description();
  v.impact = static_cast<d::Impact>(p.impact());
  v.absence_days = p.absence_days();
  v.consecutive_absence_days = p.consecutive_absence_days();
  v.candidate_status = static_cast<d::CandidateStatus>(p.candidate_status());
  v.neutrality_aspect = static_cast<d::NeutralityAspect>(p.neutrality_aspect());
  return v;
}

}  // namespace

d::Official FromProto(const pb::Official& o) {
  return {static_cast<d::AuthorityRole>(o.role()), o.nip(), o.name(), o.title()};
}

absl::StatusOr<std::optional<absl::CivilDay>> OptionalDate(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  ASSIGN_OR_RETURN(absl::CivilDay day, d::ParseIsoDate(text, field));
  return std::optional<absl::CivilDay>(day);
}

void ToProto(const d::Assessment& a, pb::Assessment* out) {
  out->set_level(static_cast<pb::SanctionLevel>(a.level));
  out->set_punishment(static_cast<pb::Punishment>(a.punishment));
  for (const d::SanctionOption& o : a.options) {
    pb::SanctionOption* po = out->add_options();
    po->set_punishment(static_cast<pb::Punishment>(o.punishment));
    po->set_authority(static_cast<pb::AuthorityRole>(o.authority));
    po->set_remedy(static_cast<pb::Remedy>(o.remedy));
    po->set_authority_note(o.authority_note);
    po->set_proposed_by(static_cast<pb::AuthorityRole>(o.proposed_by));
    po->set_authority_basis(o.authority_basis);
  }
  out->set_examination_team(static_cast<pb::ExaminationTeam>(a.examination_team));
  out->set_temporary_release_allowed(a.temporary_release_allowed);
  for (const std::string& b : a.legal_basis) out->add_legal_basis(b);
  out->set_track(static_cast<pb::Track>(a.track));
  out->set_resolved_provision_id(a.resolved_provision_id);
  out->set_rules_version(a.rules_version);
  out->set_explanation(a.explanation);
  for (const std::string& c : a.consequences) out->add_consequences(c);
}

void ToProto(const d::ProvisionSummary& p, pb::Provision* out) {
  out->set_id(p.id);
  out->set_summary(p.summary);
  out->set_article(p.article);
  for (d::SanctionLevel l : p.levels) out->add_levels(static_cast<pb::SanctionLevel>(l));
  out->set_neutrality_form(p.neutrality_form);
}

void ToProto(const d::EmployeeSnapshot& e, pb::EmployeeSnapshot* out) {
  out->set_nip(e.nip);
  out->set_name(e.name);
  out->set_employee_type(static_cast<pb::EmployeeType>(e.employee_type));
  out->set_rank(e.rank);
  out->set_position_kind(static_cast<pb::PositionKind>(e.position_kind));
  out->set_position_title(e.position_title);
  out->set_unit_code(e.unit_code);
  out->set_unit_name(e.unit_name);
  out->set_agency_code(e.agency_code);
  out->set_environment(static_cast<pb::Environment>(e.environment));
  out->set_superior_nip(e.superior_nip);
  out->set_is_ppk(e.is_ppk);
  out->set_siasn_id(e.siasn_id);
}

absl::StatusOr<d::ViolationRecord> FromProto(const pb::Allegation& a, const std::string& field) {
  ASSIGN_OR_RETURN(d::ViolationRecord v, FactsFromProto(a, field));
  ASSIGN_OR_RETURN(v.occurred_on, OptionalDate(a.occurred_on(), field + ".occurred_on"));
  return v;
}

absl::StatusOr<d::ViolationRecord> FromProto(const pb::Finding& f, const std::string& field) {
  ASSIGN_OR_RETURN(d::ViolationRecord v, FactsFromProto(f, field));
  v.proven = f.proven();
  return v;
}

// One piece: the API's view of a case, field by field in the order of
// cases.proto (the derived fields with it), one line each.
void ToProto(const d::Case& c, pb::Case* out) {
  out->set_case_id(c.case_id);
  out->set_register_number(c.register_number);
  out->set_agency_code(c.agency_code);
  out->set_state(static_cast<pb::CaseState>(c.state));
  out->set_version(c.version);
  ToProto(c.employee, out->mutable_employee());
  out->set_source(static_cast<pb::Source>(c.source));
  out->set_reporter(c.reporter);
  out->set_reporter_commitment(c.reporter_commitment);
  for (const auto& a : c.allegations) {
    pb::Allegation* pa = out->add_allegations();
    FactsToProto(a, pa);
    pa->set_occurred_on(Date(a.occurred_on));
  }
  out->set_received_on(Date(c.received_on));
  for (const auto& s : c.summonses) {
    pb::Summons* ps = out->add_summonses();
    ps->set_sequence(s.sequence);
    ps->set_issued_on(Date(s.issued_on));
    ps->set_examination_on(Date(s.examination_on));
    ps->set_attended(s.attended);
    ps->set_missed(s.missed);
    for (const auto& n : s.examiner_nips) ps->add_examiner_nips(n);
    for (const auto& n : s.examination_team_nips) ps->add_examination_team_nips(n);
    ps->set_examination_team_decree_number(s.examination_team_decree_number);
    ps->set_irregularity(s.irregularity);
    ps->set_letter_number(s.letter_number);
    ps->set_examination_time(s.examination_time);
    ps->set_examination_place(s.examination_place);
    ps->set_signatory_nip(s.signatory_nip);
  }
  if (c.examination.has_value()) {
    pb::Examination* e = out->mutable_examination();
    e->set_examined_on(Date(c.examination->examined_on));
    e->set_attended(c.examination->attended);
    for (const auto& f : c.examination->findings) {
      pb::Finding* pf = e->add_findings();
      FactsToProto(f, pf);
      pf->set_proven(f.proven);
    }
    e->set_bap_document_id(c.examination->bap_document_id);
    for (const auto& n : c.examination->examiner_nips) e->add_examiner_nips(n);
  }
  if (c.recommendation.has_value()) {
    pb::Recommendation* r = out->mutable_recommendation();
    ToProto(c.recommendation->assessment, r->mutable_assessment());
    ToProto(c.recommendation->authority, r->mutable_authority());
    r->set_recommended_on(Date(c.recommendation->recommended_on));
    for (const d::OptionOfficial& o : c.recommendation->officials) {
      pb::OptionOfficial* po = r->add_officials();
      po->set_punishment(static_cast<pb::Punishment>(o.punishment));
      ToProto(o.official, po->mutable_official());
      if (o.proposed_by.role != d::AuthorityRole::kUnspecified) ToProto(o.proposed_by, po->mutable_proposed_by());
    }
    for (d::Track t : c.recommendation->tracks) r->add_tracks(static_cast<pb::Track>(t));
    if (const auto& prior = c.recommendation->counted_prior; prior.has_value()) {
      pb::CountedPrior* cp = r->mutable_counted_prior();
      cp->set_case_id(prior->case_id);
      cp->set_decision_number(prior->decision_number);
      cp->set_provision_id(prior->provision_id);
      cp->set_punishment(static_cast<pb::Punishment>(prior->punishment));
      cp->set_imposed_on(Date(prior->imposed_on));
    }
  }
  if (c.decision.has_value()) {
    pb::Decision* d = out->mutable_decision();
    d->set_outcome(static_cast<pb::DecisionOutcome>(c.decision->outcome));
    d->set_punishment(static_cast<pb::Punishment>(c.decision->punishment));
    d->set_decision_number(c.decision->decision_number);
    d->set_decided_on(Date(c.decision->decided_on));
    d->set_reason(c.decision->reason);
    ToProto(c.decision->decided_by, d->mutable_decided_by());
    d->set_remedy(static_cast<pb::Remedy>(c.decision->remedy));
    if (c.decision->proposal.has_value()) {
      pb::Proposal* pp = d->mutable_proposal();
      ToProto(c.decision->proposal->proposed_by, pp->mutable_proposed_by());
      pp->set_number(c.decision->proposal->number);
      pp->set_proposed_on(Date(c.decision->proposal->proposed_on));
    }
    d->set_moral_sanction(static_cast<pb::MoralSanction>(c.decision->moral_sanction));
    d->set_dismissal(c.decision->dismissal);
    d->set_document_id(c.decision->document_id);
    d->set_rejected_proven_findings(c.decision->rejected_proven_findings);
    d->set_decision_document_id(c.decision->document_id);
  }
  if (c.remedy_decision.has_value()) {
    pb::RemedyDecision* r = out->mutable_remedy_decision();
    r->set_outcome(static_cast<pb::RemedyOutcome>(c.remedy_decision->outcome));
    r->set_punishment(static_cast<pb::Punishment>(c.remedy_decision->punishment));
    r->set_decision_number(c.remedy_decision->decision_number);
    r->set_decided_on(Date(c.remedy_decision->decided_on));
    ToProto(c.remedy_decision->decided_by, r->mutable_decided_by());
    r->set_reason(c.remedy_decision->reason);
    r->set_annulment_reason(static_cast<pb::AnnulmentReason>(c.remedy_decision->annulment_reason));
  }
  out->set_agency_time_zone(c.agency_time_zone);
  out->set_effective_punishment(
      static_cast<pb::Punishment>(d::EffectivePunishment(c).value_or(d::Punishment::kUnspecified)));
  out->set_delivered_on(Date(c.delivered_on));
  out->set_effective_on(Date(c.effective_on));
  out->set_ends_on(Date(d::EndsOn(c)));
  out->set_remedy(static_cast<pb::Remedy>(c.remedy));
  out->set_remedy_filed_on(Date(c.remedy_filed_on));
  out->set_close_reason(c.close_reason);
  for (const auto& dl : c.open_deadlines) {
    pb::Deadline* pd = out->add_open_deadlines();
    pd->set_what(dl.what);
    pd->set_due_on(Date(dl.due_on));
    pd->set_calendar_version(dl.calendar_version);
    pd->set_legal_basis(dl.legal_basis);
  }
  for (const auto& id : c.document_ids) out->add_document_ids(id);
  *out->mutable_created_at() = Ts(c.created_at);
  *out->mutable_updated_at() = Ts(c.updated_at);
  out->set_temporarily_released(c.temporarily_released);
  for (const auto& n : c.examination_team_nips) out->add_examination_team_nips(n);
  if (c.external_recommendation.has_value()) {
    ToProto(*c.external_recommendation, out->mutable_external_recommendation());
    if (c.follow_up.has_value()) {
      out->mutable_external_recommendation()->set_follow_up_due_on(Date(c.follow_up->due_on));
    }
  }
  if (c.follow_up.has_value()) {
    pb::FollowUp* f = out->mutable_follow_up();
    f->set_state(static_cast<pb::FollowUpState>(c.follow_up->state));
    f->set_due_on(Date(c.follow_up->due_on));
    f->set_overdue_on(Date(c.follow_up->overdue_on));
    f->set_blocking_requested_on(Date(c.follow_up->blocking_requested_on));
    f->set_done_on(Date(c.follow_up->done_on));
    f->set_blocking_lifted_on(Date(c.follow_up->blocking_lifted_on));
  }
  if (c.pending_action.has_value()) {
    const d::PendingAction& a = *c.pending_action;
    pb::PendingCaseAction* pa = out->mutable_pending_action();
    pa->set_kind(static_cast<pb::CaseActionKind>(a.kind));
    pa->set_termination_reason(static_cast<pb::TerminationReason>(a.termination_reason));
    pa->set_annulment_reason(static_cast<pb::AnnulmentReason>(a.annulment_reason));
    pa->set_reason(a.reason);
    if (a.kind == d::CaseActionKind::kAnnul) {
      pa->set_decision_number(a.decision_number);
      pa->set_decided_on(Date(a.decided_on));
      ToProto(a.decided_by, pa->mutable_decided_by());
    }
    pa->set_requested_by(a.requested_by);
    *pa->mutable_requested_at() = Ts(a.requested_at);
  }
  out->set_termination_reason(static_cast<pb::TerminationReason>(c.termination_reason));
  out->set_joined_into(c.joined_into);
  for (const auto& id : c.joined_case_ids) out->add_joined_case_ids(id);
  for (const d::PriorPunishment& prior : c.prior_punishments) ToProto(prior, out->add_prior_punishments());
  if (c.temporary_release.has_value()) {
    const d::TemporaryRelease& r = *c.temporary_release;
    pb::TemporaryRelease* pr = out->mutable_temporary_release();
    pr->set_decree_number(r.decree_number);
    pr->set_decided_on(Date(r.decided_on));
    pr->set_released_by_nip(r.released_by_nip);
    pr->set_acting_official_nip(r.acting_official_nip);
    pr->set_ended_on(Date(r.ended_on));
  }
  out->set_related_case_id(c.related_case_id);
  out->set_relation(static_cast<pb::CaseRelation>(c.relation));
  for (const d::RelatedCase& r : c.related_by) {
    pb::RelatedCase* pr = out->add_related_by();
    pr->set_case_id(r.case_id);
    pr->set_relation(static_cast<pb::CaseRelation>(r.relation));
  }
  for (const d::EmployeeEvent& e : c.employee_events) {
    pb::EmployeeEvent* pe = out->add_employee_events();
    pe->set_event(static_cast<pb::EmployeeEventKind>(e.kind));
    pe->set_occurred_on(Date(e.occurred_on));
    pe->set_document_id(e.document_id);
    pe->set_note(e.note);
    pe->set_consequence(static_cast<pb::EmployeeEventConsequence>(e.consequence));
    pe->set_legal_basis(e.legal_basis);
    pe->set_state_at_event(static_cast<pb::CaseState>(e.state_at_event));
  }
}

void ToProto(const d::PriorPunishment& p, pb::PriorPunishment* out) {
  out->set_punishment(static_cast<pb::Punishment>(p.punishment));
  out->set_provision_id(p.provision_id);
  out->set_decision_number(p.decision_number);
  out->set_decided_on(Date(p.decided_on));
  out->set_effective_on(Date(p.effective_on));
  out->set_source(static_cast<pb::PriorSource>(p.source));
  out->set_document_id(p.document_id);
}

absl::StatusOr<d::PriorPunishment> FromProto(const pb::PriorPunishment& p, const std::string& field) {
  if (!pb::Punishment_IsValid(p.punishment())) return InvalidField(field + ".punishment", "unknown enum value");
  if (!pb::PriorSource_IsValid(p.source())) return InvalidField(field + ".source", "unknown enum value");
  d::PriorPunishment out;
  out.punishment = static_cast<d::Punishment>(p.punishment());
  out.provision_id = p.provision_id();
  out.decision_number = p.decision_number();
  if (p.decided_on().empty()) return InvalidField(field + ".decided_on", "is required (YYYY-MM-DD)");
  ASSIGN_OR_RETURN(out.decided_on, RequiredDate(p.decided_on(), field + ".decided_on"));
  ASSIGN_OR_RETURN(out.effective_on, OptionalDate(p.effective_on(), field + ".effective_on"));
  out.source = static_cast<d::PriorSource>(p.source());
  out.document_id = p.document_id();
  return out;
}

void ToProto(const d::ExternalRecommendation& r, pb::ExternalRecommendation* out) {
  out->set_issuer(static_cast<pb::Issuer>(r.issuer));
  out->set_number(r.number);
  out->set_issued_on(Date(r.issued_on));
  out->set_recommended_track(static_cast<pb::Track>(r.recommended_track));
  out->set_recommended_punishment(static_cast<pb::Punishment>(r.recommended_punishment));
}

void ToProto(const d::SiasnHukdis& h, pb::SiasnHukdis* out) {
  out->set_pns_orang_id(h.pns_orang_id);
  out->set_jenis_hukuman_id(h.jenis_hukuman_id);
  out->set_jenis_tingkat_hukuman_id(h.jenis_tingkat_hukuman_id);
  out->set_alasan_hukuman_disiplin_id(h.alasan_hukuman_disiplin_id);
  out->set_kedudukan_hukum_id(h.kedudukan_hukum_id);
  out->set_hukuman_tanggal(h.hukuman_tanggal);
  out->set_akhir_hukuman_tanggal(h.akhir_hukuman_tanggal);
  out->set_masa_tahun(h.masa_tahun);
  out->set_masa_bulan(h.masa_bulan);
  out->set_sk_nomor(h.sk_nomor);
  out->set_sk_tanggal(h.sk_tanggal);
  out->set_nomor_pp(h.nomor_pp);
  out->set_golongan_id(h.golongan_id);
  out->set_golongan_lama(h.golongan_lama);
  out->set_sk_pembatalan_nomor(h.sk_pembatalan_nomor);
  out->set_sk_pembatalan_tanggal(h.sk_pembatalan_tanggal);
  out->set_keterangan(h.keterangan);
  for (const d::SiasnDocumentRef& doc : h.path) {
    pb::SiasnDocument* p = out->add_path();
    p->set_dok_id(doc.dok_id);
    p->set_dok_nama(doc.dok_nama);
    p->set_dok_uri(doc.dok_uri);
  }
}

std::string SiasnPayloadJson(const d::SiasnHukdis& h) {
  pb::SiasnHukdis p;
  ToProto(h, &p);
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  (void)google::protobuf::util::MessageToJsonString(p, &json, options);
  return json;
}

absl::StatusOr<d::ExternalRecommendation> FromProto(const pb::ExternalRecommendation& r, const std::string& field) {
  if (!pb::Issuer_IsValid(r.issuer())) return InvalidField(field + ".issuer", "unknown enum value");
  if (!pb::Track_IsValid(r.recommended_track()))
    return InvalidField(field + ".recommended_track", "unknown enum value");
  if (!pb::Punishment_IsValid(r.recommended_punishment())) {
    return InvalidField(field + ".recommended_punishment", "unknown enum value");
  }
  if (r.issued_on().empty()) return InvalidField(field + ".issued_on", "is required (the recommendation's date)");
  d::ExternalRecommendation out;
  out.issuer = static_cast<d::Issuer>(r.issuer());
  out.number = r.number();
  ASSIGN_OR_RETURN(out.issued_on, d::ParseIsoDate(r.issued_on(), field + ".issued_on"));
  out.recommended_track = static_cast<d::Track>(r.recommended_track());
  out.recommended_punishment = static_cast<d::Punishment>(r.recommended_punishment());
  return out;
}

namespace {

// The restrictions share the proto numbers.
static_assert(static_cast<int>(d::Restriction::kNoResignation) == pb::RESTRICTION_NO_RESIGNATION);
static_assert(static_cast<int>(d::Restriction::kNoTransfer) == pb::RESTRICTION_NO_TRANSFER);

void ToProto(const d::PunishmentTerm& t, pb::PunishmentTerm* out) {
  out->set_case_id(t.case_id);
  out->set_punishment(static_cast<pb::Punishment>(t.punishment));
  out->set_level(static_cast<pb::SanctionLevel>(t.level));
  out->set_decision_number(t.decision_number);
  out->set_decided_on(Date(t.decided_on));
  out->set_effective_on(Date(t.effective_on));
  out->set_ends_on(Date(t.ends_on));
}

}  // namespace

void ToProto(const d::DisciplineStatus& s, pb::DisciplineStatus* out) {
  out->set_nip(s.nip);
  out->set_on_date(Date(s.on_date));
  out->set_under_examination(s.under_examination);
  for (const std::string& id : s.open_case_ids) out->add_open_case_ids(id);
  for (const d::PunishmentTerm& t : s.serving) ToProto(t, out->add_serving());
  if (s.last_punishment.has_value()) ToProto(*s.last_punishment, out->mutable_last_punishment());
  for (const d::RestrictionEntry& r : s.restrictions) {
    pb::DisciplineRestriction* e = out->add_restrictions();
    e->set_restriction(static_cast<pb::Restriction>(r.restriction));
    e->set_legal_basis(r.legal_basis);
    for (const std::string& id : r.case_ids) e->add_case_ids(id);
    e->set_until(Date(r.until));
  }
}

}  // namespace discipline::codec
