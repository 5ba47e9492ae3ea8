#include "service/codec/stored_case_codec.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/time_util.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::codec {
namespace {

namespace d = ::discipline::domain;
namespace pb = ::asn::discipline::v1;
using google::protobuf::util::TimeUtil;

// The domain enums share the proto numbers (case_codec.cc and
// service/grpc/conversions.cc check the others).
static_assert(static_cast<int>(d::CaseState::kTerminated) == pb::CASE_STATE_TERMINATED);
static_assert(static_cast<int>(d::CaseRelation::kSuperiorLiability) == pb::CASE_RELATION_SUPERIOR_LIABILITY);
static_assert(static_cast<int>(d::EmployeeEventConsequence::kResignationRefused) ==
              pb::EMPLOYEE_EVENT_CONSEQUENCE_RESIGNATION_REFUSED);
static_assert(static_cast<int>(d::EmployeeEventKind::kDetained) == pb::EMPLOYEE_EVENT_DETAINED);
static_assert(static_cast<int>(d::CaseActionKind::kAnnul) == pb::CASE_ACTION_KIND_ANNUL);
static_assert(static_cast<int>(d::TerminationReason::kOther) == pb::TERMINATION_REASON_OTHER);
static_assert(static_cast<int>(d::AnnulmentReason::kOther) == pb::ANNULMENT_REASON_OTHER);
static_assert(static_cast<int>(d::PriorSource::kSiasn) == pb::PRIOR_SOURCE_SIASN);

std::string Date(const std::optional<absl::CivilDay>& day) { return day.has_value() ? d::FormatIsoDate(*day) : ""; }
std::string Date(absl::CivilDay day) { return d::FormatIsoDate(day); }

absl::StatusOr<absl::CivilDay> RequiredDate(const std::string& text, const std::string& field) {
  return d::ParseIsoDate(text, field);
}
absl::StatusOr<std::optional<absl::CivilDay>> OptionalDay(const std::string& text, const std::string& field) {
  if (text.empty()) return std::optional<absl::CivilDay>();
  ASSIGN_OR_RETURN(absl::CivilDay day, d::ParseIsoDate(text, field));
  return std::optional<absl::CivilDay>(day);
}

google::protobuf::Timestamp Ts(absl::Time t) { return TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(t)); }
absl::Time FromTs(const google::protobuf::Timestamp& t) {
  return absl::FromUnixNanos(TimeUtil::TimestampToNanoseconds(t));
}

void ToStored(const d::Official& o, stored::StoredOfficial* out) {
  out->set_role(static_cast<pb::AuthorityRole>(o.role));
  out->set_nip(o.nip);
  out->set_name(o.name);
  out->set_title(o.title);
}
d::Official FromStored(const stored::StoredOfficial& o) {
  return {static_cast<d::AuthorityRole>(o.role()), o.nip(), o.name(), o.title()};
}

template <typename P>
void FactsToStored(const d::ViolationRecord& v, P* out) {
  out->set_provision_id(v.provision_id);
  out->set_description(v.description);
  out->set_impact(static_cast<pb::Impact>(v.impact));
  out->set_absence_days(v.absence_days);
  out->set_consecutive_absence_days(v.consecutive_absence_days);
  out->set_candidate_status(static_cast<pb::CandidateStatus>(v.candidate_status));
  out->set_neutrality_aspect(static_cast<pb::NeutralityAspect>(v.neutrality_aspect));
}

template <typename P>
d::ViolationRecord FactsFromStored(const P& p) {
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

void ToStored(const d::Assessment& a, stored::StoredAssessment* out) {
  out->set_level(static_cast<pb::SanctionLevel>(a.level));
  out->set_punishment(static_cast<pb::Punishment>(a.punishment));
  for (const d::SanctionOption& o : a.options) {
    stored::StoredSanctionOption* so = out->add_options();
    so->set_punishment(static_cast<pb::Punishment>(o.punishment));
    so->set_authority(static_cast<pb::AuthorityRole>(o.authority));
    so->set_remedy(static_cast<pb::Remedy>(o.remedy));
    so->set_authority_note(o.authority_note);
    so->set_proposed_by(static_cast<pb::AuthorityRole>(o.proposed_by));
    so->set_authority_basis(o.authority_basis);
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

d::Assessment FromStored(const stored::StoredAssessment& a) {
  d::Assessment out;
  out.level = static_cast<d::SanctionLevel>(a.level());
  out.punishment = static_cast<d::Punishment>(a.punishment());
  for (const auto& o : a.options()) {
    out.options.push_back({static_cast<d::Punishment>(o.punishment()), static_cast<d::AuthorityRole>(o.authority()),
                           static_cast<d::Remedy>(o.remedy()), o.authority_note(), o.authority_basis(),
                           static_cast<d::AuthorityRole>(o.proposed_by())});
  }
  out.examination_team = static_cast<d::ExaminationTeam>(a.examination_team());
  out.temporary_release_allowed = a.temporary_release_allowed();
  out.legal_basis.assign(a.legal_basis().begin(), a.legal_basis().end());
  out.track = static_cast<d::Track>(a.track());
  out.resolved_provision_id = a.resolved_provision_id();
  out.rules_version = a.rules_version();
  out.explanation = a.explanation();
  out.consequences.assign(a.consequences().begin(), a.consequences().end());
  return out;
}

}  // namespace

// One piece: every stored field written, in the order of stored_case.proto,
// one line each, so that a field left out shows beside its neighbours.
void ToStored(const d::Case& c, stored::StoredCase* out) {
  out->set_case_id(c.case_id);
  out->set_register_number(c.register_number);
  out->set_agency_code(c.agency_code);
  out->set_state(static_cast<pb::CaseState>(c.state));
  out->set_version(c.version);
  stored::StoredEmployeeSnapshot* e = out->mutable_employee();
  e->set_nip(c.employee.nip);
  e->set_name(c.employee.name);
  e->set_employee_type(static_cast<pb::EmployeeType>(c.employee.employee_type));
  e->set_rank(c.employee.rank);
  e->set_position_kind(static_cast<pb::PositionKind>(c.employee.position_kind));
  e->set_position_title(c.employee.position_title);
  e->set_unit_code(c.employee.unit_code);
  e->set_unit_name(c.employee.unit_name);
  e->set_agency_code(c.employee.agency_code);
  e->set_environment(static_cast<pb::Environment>(c.employee.environment));
  e->set_superior_nip(c.employee.superior_nip);
  e->set_is_ppk(c.employee.is_ppk);
  e->set_siasn_id(c.employee.siasn_id);
  out->set_source(static_cast<pb::Source>(c.source));
  // The reporter is never stored in the case (it is sealed apart): only
  // its commitment.
  out->set_reporter_commitment(c.reporter_commitment);
  for (const auto& a : c.allegations) {
    stored::StoredAllegation* sa = out->add_allegations();
    FactsToStored(a, sa);
    sa->set_occurred_on(Date(a.occurred_on));
  }
  out->set_received_on(Date(c.received_on));
  for (const auto& s : c.summonses) {
    stored::StoredSummons* ss = out->add_summonses();
    ss->set_sequence(s.sequence);
    ss->set_issued_on(Date(s.issued_on));
    ss->set_examination_on(Date(s.examination_on));
    ss->set_attended(s.attended);
    ss->set_missed(s.missed);
    for (const auto& n : s.examiner_nips) ss->add_examiner_nips(n);
    for (const auto& n : s.examination_team_nips) ss->add_examination_team_nips(n);
    ss->set_examination_team_decree_number(s.examination_team_decree_number);
    ss->set_irregularity(s.irregularity);
    ss->set_letter_number(s.letter_number);
    ss->set_examination_time(s.examination_time);
    ss->set_examination_place(s.examination_place);
    ss->set_signatory_nip(s.signatory_nip);
  }
  if (c.examination.has_value()) {
    stored::StoredExamination* ex = out->mutable_examination();
    ex->set_examined_on(Date(c.examination->examined_on));
    ex->set_attended(c.examination->attended);
    for (const auto& f : c.examination->findings) {
      stored::StoredFinding* sf = ex->add_findings();
      FactsToStored(f, sf);
      sf->set_proven(f.proven);
    }
    ex->set_bap_document_id(c.examination->bap_document_id);
    for (const auto& n : c.examination->examiner_nips) ex->add_examiner_nips(n);
  }
  if (c.recommendation.has_value()) {
    const d::Recommendation& r = *c.recommendation;
    stored::StoredRecommendation* sr = out->mutable_recommendation();
    ToStored(r.assessment, sr->mutable_assessment());
    ToStored(r.authority, sr->mutable_authority());
    sr->set_recommended_on(Date(r.recommended_on));
    for (const d::OptionOfficial& o : r.officials) {
      stored::StoredOptionOfficial* so = sr->add_officials();
      so->set_punishment(static_cast<pb::Punishment>(o.punishment));
      ToStored(o.official, so->mutable_official());
      if (o.proposed_by.role != d::AuthorityRole::kUnspecified) ToStored(o.proposed_by, so->mutable_proposed_by());
    }
    for (d::Track t : r.tracks) sr->add_tracks(static_cast<pb::Track>(t));
    if (r.counted_prior.has_value()) {
      stored::StoredCountedPrior* cp = sr->mutable_counted_prior();
      cp->set_case_id(r.counted_prior->case_id);
      cp->set_decision_number(r.counted_prior->decision_number);
      cp->set_provision_id(r.counted_prior->provision_id);
      cp->set_punishment(static_cast<pb::Punishment>(r.counted_prior->punishment));
      cp->set_imposed_on(Date(r.counted_prior->imposed_on));
    }
  }
  if (c.decision.has_value()) {
    const d::Decision& dd = *c.decision;
    stored::StoredDecision* sd = out->mutable_decision();
    sd->set_outcome(static_cast<pb::DecisionOutcome>(dd.outcome));
    sd->set_punishment(static_cast<pb::Punishment>(dd.punishment));
    sd->set_decision_number(dd.decision_number);
    sd->set_decided_on(Date(dd.decided_on));
    sd->set_reason(dd.reason);
    ToStored(dd.decided_by, sd->mutable_decided_by());
    sd->set_remedy(static_cast<pb::Remedy>(dd.remedy));
    if (dd.proposal.has_value()) {
      stored::StoredProposal* sp = sd->mutable_proposal();
      ToStored(dd.proposal->proposed_by, sp->mutable_proposed_by());
      sp->set_number(dd.proposal->number);
      sp->set_proposed_on(Date(dd.proposal->proposed_on));
    }
    sd->set_moral_sanction(static_cast<pb::MoralSanction>(dd.moral_sanction));
    sd->set_dismissal(dd.dismissal);
    sd->set_document_id(dd.document_id);
    sd->set_rejected_proven_findings(dd.rejected_proven_findings);
  }
  if (c.remedy_decision.has_value()) {
    const d::RemedyDecision& rd = *c.remedy_decision;
    stored::StoredRemedyDecision* sr = out->mutable_remedy_decision();
    sr->set_outcome(static_cast<pb::RemedyOutcome>(rd.outcome));
    sr->set_punishment(static_cast<pb::Punishment>(rd.punishment));
    sr->set_decision_number(rd.decision_number);
    sr->set_decided_on(Date(rd.decided_on));
    ToStored(rd.decided_by, sr->mutable_decided_by());
    sr->set_reason(rd.reason);
    sr->set_annulment_reason(static_cast<pb::AnnulmentReason>(rd.annulment_reason));
  }
  out->set_agency_time_zone(c.agency_time_zone);
  out->set_delivered_on(Date(c.delivered_on));
  out->set_effective_on(Date(c.effective_on));
  out->set_remedy(static_cast<pb::Remedy>(c.remedy));
  out->set_remedy_filed_on(Date(c.remedy_filed_on));
  out->set_close_reason(c.close_reason);
  for (const auto& dl : c.open_deadlines) {
    stored::StoredDeadline* sd = out->add_open_deadlines();
    sd->set_what(dl.what);
    sd->set_due_on(Date(dl.due_on));
    sd->set_calendar_version(dl.calendar_version);
    sd->set_legal_basis(dl.legal_basis);
  }
  for (const auto& id : c.document_ids) out->add_document_ids(id);
  *out->mutable_created_at() = Ts(c.created_at);
  *out->mutable_updated_at() = Ts(c.updated_at);
  out->set_temporarily_released(c.temporarily_released);
  for (const auto& n : c.examination_team_nips) out->add_examination_team_nips(n);
  if (c.external_recommendation.has_value()) {
    const d::ExternalRecommendation& r = *c.external_recommendation;
    stored::StoredExternalRecommendation* sr = out->mutable_external_recommendation();
    sr->set_issuer(static_cast<pb::Issuer>(r.issuer));
    sr->set_number(r.number);
    sr->set_issued_on(Date(r.issued_on));
    sr->set_recommended_track(static_cast<pb::Track>(r.recommended_track));
    sr->set_recommended_punishment(static_cast<pb::Punishment>(r.recommended_punishment));
  }
  if (c.follow_up.has_value()) {
    const d::FollowUp& f = *c.follow_up;
    stored::StoredFollowUp* sf = out->mutable_follow_up();
    sf->set_state(static_cast<pb::FollowUpState>(f.state));
    sf->set_due_on(Date(f.due_on));
    sf->set_overdue_on(Date(f.overdue_on));
    sf->set_blocking_requested_on(Date(f.blocking_requested_on));
    sf->set_done_on(Date(f.done_on));
    sf->set_blocking_lifted_on(Date(f.blocking_lifted_on));
  }
  if (c.pending_action.has_value()) {
    const d::PendingAction& a = *c.pending_action;
    stored::StoredPendingCaseAction* sa = out->mutable_pending_action();
    sa->set_kind(static_cast<pb::CaseActionKind>(a.kind));
    sa->set_termination_reason(static_cast<pb::TerminationReason>(a.termination_reason));
    sa->set_annulment_reason(static_cast<pb::AnnulmentReason>(a.annulment_reason));
    sa->set_reason(a.reason);
    if (a.kind == d::CaseActionKind::kAnnul) {
      sa->set_decision_number(a.decision_number);
      sa->set_decided_on(Date(a.decided_on));
      ToStored(a.decided_by, sa->mutable_decided_by());
    }
    sa->set_requested_by(a.requested_by);
    *sa->mutable_requested_at() = Ts(a.requested_at);
  }
  out->set_termination_reason(static_cast<pb::TerminationReason>(c.termination_reason));
  out->set_joined_into(c.joined_into);
  for (const auto& id : c.joined_case_ids) out->add_joined_case_ids(id);
  for (const d::PriorPunishment& p : c.prior_punishments) {
    stored::StoredPriorPunishment* sp = out->add_prior_punishments();
    sp->set_punishment(static_cast<pb::Punishment>(p.punishment));
    sp->set_provision_id(p.provision_id);
    sp->set_decision_number(p.decision_number);
    sp->set_decided_on(Date(p.decided_on));
    sp->set_effective_on(Date(p.effective_on));
    sp->set_source(static_cast<pb::PriorSource>(p.source));
    sp->set_document_id(p.document_id);
  }
  if (c.temporary_release.has_value()) {
    const d::TemporaryRelease& r = *c.temporary_release;
    stored::StoredTemporaryRelease* sr = out->mutable_temporary_release();
    sr->set_decree_number(r.decree_number);
    sr->set_decided_on(Date(r.decided_on));
    sr->set_released_by_nip(r.released_by_nip);
    sr->set_acting_official_nip(r.acting_official_nip);
    sr->set_ended_on(Date(r.ended_on));
  }
  for (const d::EmployeeEvent& ev : c.employee_events) {
    stored::StoredEmployeeEvent* se = out->add_employee_events();
    se->set_event(static_cast<pb::EmployeeEventKind>(ev.kind));
    se->set_occurred_on(Date(ev.occurred_on));
    se->set_document_id(ev.document_id);
    se->set_note(ev.note);
    se->set_consequence(static_cast<pb::EmployeeEventConsequence>(ev.consequence));
    se->set_legal_basis(ev.legal_basis);
    se->set_state_at_event(static_cast<pb::CaseState>(ev.state_at_event));
  }
  out->set_related_case_id(c.related_case_id);
  out->set_relation(static_cast<pb::CaseRelation>(c.relation));
  for (const d::RelatedCase& r : c.related_by) {
    stored::StoredRelatedCase* sr = out->add_related_by();
    sr->set_case_id(r.case_id);
    sr->set_relation(static_cast<pb::CaseRelation>(r.relation));
  }
}

// One piece: every stored field read back, in the order of stored_case.proto,
// one line each; split, the mapping would no longer read against the proto.
absl::StatusOr<d::Case> FromStored(const stored::StoredCase& p) {
  d::Case c;
  c.case_id = p.case_id();
  c.register_number = p.register_number();
  c.agency_code = p.agency_code();
  c.state = static_cast<d::CaseState>(p.state());
  c.version = p.version();
  const auto& e = p.employee();
  c.employee = {e.nip(),
                e.name(),
                static_cast<d::EmployeeType>(e.employee_type()),
                e.rank(),
                static_cast<d::PositionKind>(e.position_kind()),
                e.position_title(),
                e.unit_code(),
                e.unit_name(),
                e.agency_code(),
                static_cast<d::Environment>(e.environment()),
                e.superior_nip(),
                e.is_ppk(),
                e.siasn_id()};
  c.source = static_cast<d::Source>(p.source());
  c.reporter_commitment = p.reporter_commitment();
  for (int i = 0; i < p.allegations_size(); ++i) {
    d::ViolationRecord v = FactsFromStored(p.allegations(i));
    ASSIGN_OR_RETURN(v.occurred_on,
                     OptionalDay(p.allegations(i).occurred_on(), absl::StrCat("allegations[", i, "].occurred_on")));
    c.allegations.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(c.received_on, RequiredDate(p.received_on(), "received_on"));
  for (const auto& s : p.summonses()) {
    d::Summons ds;
    ds.sequence = s.sequence();
    ASSIGN_OR_RETURN(ds.issued_on, RequiredDate(s.issued_on(), "summonses.issued_on"));
    ASSIGN_OR_RETURN(ds.examination_on, RequiredDate(s.examination_on(), "summonses.examination_on"));
    ds.attended = s.attended();
    ds.missed = s.missed();
    ds.examiner_nips.assign(s.examiner_nips().begin(), s.examiner_nips().end());
    ds.examination_team_nips.assign(s.examination_team_nips().begin(), s.examination_team_nips().end());
    ds.examination_team_decree_number = s.examination_team_decree_number();
    ds.irregularity = s.irregularity();
    ds.letter_number = s.letter_number();
    ds.examination_time = s.examination_time();
    ds.examination_place = s.examination_place();
    ds.signatory_nip = s.signatory_nip();
    c.summonses.push_back(std::move(ds));
  }
  if (p.has_examination()) {
    const stored::StoredExamination& pe = p.examination();
    d::Examination ex;
    ASSIGN_OR_RETURN(ex.examined_on, RequiredDate(pe.examined_on(), "examination.examined_on"));
    ex.attended = pe.attended();
    for (const auto& f : pe.findings()) {
      d::ViolationRecord v = FactsFromStored(f);
      v.proven = f.proven();
      ex.findings.push_back(std::move(v));
    }
    ex.bap_document_id = pe.bap_document_id();
    ex.examiner_nips.assign(pe.examiner_nips().begin(), pe.examiner_nips().end());
    c.examination = std::move(ex);
  }
  if (p.has_recommendation()) {
    const stored::StoredRecommendation& pr = p.recommendation();
    d::Recommendation r;
    r.assessment = FromStored(pr.assessment());
    r.authority = FromStored(pr.authority());
    ASSIGN_OR_RETURN(r.recommended_on, RequiredDate(pr.recommended_on(), "recommendation.recommended_on"));
    for (const auto& o : pr.officials()) {
      r.officials.push_back(
          {static_cast<d::Punishment>(o.punishment()), FromStored(o.official()), FromStored(o.proposed_by())});
    }
    for (int t : pr.tracks()) r.tracks.push_back(static_cast<d::Track>(t));
    if (pr.has_counted_prior()) {
      const stored::StoredCountedPrior& cp = pr.counted_prior();
      d::PriorCandidate prior;
      prior.case_id = cp.case_id();
      prior.decision_number = cp.decision_number();
      prior.provision_id = cp.provision_id();
      prior.punishment = static_cast<d::Punishment>(cp.punishment());
      ASSIGN_OR_RETURN(prior.imposed_on, RequiredDate(cp.imposed_on(), "recommendation.counted_prior.imposed_on"));
      r.counted_prior = std::move(prior);
    }
    c.recommendation = std::move(r);
  }
  if (p.has_decision()) {
    const stored::StoredDecision& pd = p.decision();
    d::Decision dd;
    dd.outcome = static_cast<d::DecisionOutcome>(pd.outcome());
    dd.punishment = static_cast<d::Punishment>(pd.punishment());
    dd.decision_number = pd.decision_number();
    ASSIGN_OR_RETURN(dd.decided_on, RequiredDate(pd.decided_on(), "decision.decided_on"));
    dd.reason = pd.reason();
    dd.decided_by = FromStored(pd.decided_by());
    dd.remedy = static_cast<d::Remedy>(pd.remedy());
    if (pd.has_proposal()) {
      const stored::StoredProposal& pp = pd.proposal();
      ASSIGN_OR_RETURN(absl::CivilDay on, RequiredDate(pp.proposed_on(), "decision.proposal.proposed_on"));
      dd.proposal = d::Proposal{FromStored(pp.proposed_by()), pp.number(), on};
    }
    dd.moral_sanction = static_cast<d::MoralSanction>(pd.moral_sanction());
    dd.dismissal = pd.dismissal();
    dd.document_id = pd.document_id();
    dd.rejected_proven_findings = pd.rejected_proven_findings();
    c.decision = std::move(dd);
  }
  if (p.has_remedy_decision()) {
    const stored::StoredRemedyDecision& pr = p.remedy_decision();
    d::RemedyDecision r;
    r.outcome = static_cast<d::RemedyOutcome>(pr.outcome());
    r.punishment = static_cast<d::Punishment>(pr.punishment());
    r.decision_number = pr.decision_number();
    ASSIGN_OR_RETURN(r.decided_on, RequiredDate(pr.decided_on(), "remedy_decision.decided_on"));
    r.decided_by = FromStored(pr.decided_by());
    r.reason = pr.reason();
    r.annulment_reason = static_cast<d::AnnulmentReason>(pr.annulment_reason());
    c.remedy_decision = std::move(r);
  }
  c.agency_time_zone = p.agency_time_zone();
  ASSIGN_OR_RETURN(c.delivered_on, OptionalDay(p.delivered_on(), "delivered_on"));
  ASSIGN_OR_RETURN(c.effective_on, OptionalDay(p.effective_on(), "effective_on"));
  c.remedy = static_cast<d::Remedy>(p.remedy());
  ASSIGN_OR_RETURN(c.remedy_filed_on, OptionalDay(p.remedy_filed_on(), "remedy_filed_on"));
  c.close_reason = p.close_reason();
  for (const auto& dl : p.open_deadlines()) {
    ASSIGN_OR_RETURN(absl::CivilDay due, RequiredDate(dl.due_on(), "open_deadlines.due_on"));
    c.open_deadlines.push_back({dl.what(), due, dl.calendar_version(), dl.legal_basis()});
  }
  c.document_ids.assign(p.document_ids().begin(), p.document_ids().end());
  c.created_at = FromTs(p.created_at());
  c.updated_at = FromTs(p.updated_at());
  c.temporarily_released = p.temporarily_released();
  c.examination_team_nips.assign(p.examination_team_nips().begin(), p.examination_team_nips().end());
  if (p.has_external_recommendation()) {
    const stored::StoredExternalRecommendation& pr = p.external_recommendation();
    d::ExternalRecommendation r;
    r.issuer = static_cast<d::Issuer>(pr.issuer());
    r.number = pr.number();
    ASSIGN_OR_RETURN(r.issued_on, RequiredDate(pr.issued_on(), "external_recommendation.issued_on"));
    r.recommended_track = static_cast<d::Track>(pr.recommended_track());
    r.recommended_punishment = static_cast<d::Punishment>(pr.recommended_punishment());
    c.external_recommendation = std::move(r);
  }
  if (p.has_follow_up()) {
    const stored::StoredFollowUp& pf = p.follow_up();
    d::FollowUp f;
    f.state = static_cast<d::FollowUpState>(pf.state());
    ASSIGN_OR_RETURN(f.due_on, RequiredDate(pf.due_on(), "follow_up.due_on"));
    ASSIGN_OR_RETURN(f.overdue_on, OptionalDay(pf.overdue_on(), "follow_up.overdue_on"));
    ASSIGN_OR_RETURN(f.blocking_requested_on,
                     OptionalDay(pf.blocking_requested_on(), "follow_up.blocking_requested_on"));
    ASSIGN_OR_RETURN(f.done_on, OptionalDay(pf.done_on(), "follow_up.done_on"));
    ASSIGN_OR_RETURN(f.blocking_lifted_on, OptionalDay(pf.blocking_lifted_on(), "follow_up.blocking_lifted_on"));
    c.follow_up = f;
  }
  for (int i = 0; i < p.prior_punishments_size(); ++i) {
    const stored::StoredPriorPunishment& sp = p.prior_punishments(i);
    const std::string field = absl::StrCat("prior_punishments[", i, "]");
    d::PriorPunishment prior;
    prior.punishment = static_cast<d::Punishment>(sp.punishment());
    prior.provision_id = sp.provision_id();
    prior.decision_number = sp.decision_number();
    ASSIGN_OR_RETURN(prior.decided_on, RequiredDate(sp.decided_on(), field + ".decided_on"));
    ASSIGN_OR_RETURN(prior.effective_on, OptionalDay(sp.effective_on(), field + ".effective_on"));
    prior.source = static_cast<d::PriorSource>(sp.source());
    prior.document_id = sp.document_id();
    c.prior_punishments.push_back(std::move(prior));
  }
  if (p.has_pending_action()) {
    const stored::StoredPendingCaseAction& pa = p.pending_action();
    d::PendingAction a;
    a.kind = static_cast<d::CaseActionKind>(pa.kind());
    a.termination_reason = static_cast<d::TerminationReason>(pa.termination_reason());
    a.annulment_reason = static_cast<d::AnnulmentReason>(pa.annulment_reason());
    a.reason = pa.reason();
    if (a.kind == d::CaseActionKind::kAnnul) {
      a.decision_number = pa.decision_number();
      ASSIGN_OR_RETURN(a.decided_on, RequiredDate(pa.decided_on(), "pending_action.decided_on"));
      a.decided_by = FromStored(pa.decided_by());
    }
    a.requested_by = pa.requested_by();
    a.requested_at = FromTs(pa.requested_at());
    c.pending_action = std::move(a);
  }
  c.termination_reason = static_cast<d::TerminationReason>(p.termination_reason());
  if (p.has_temporary_release()) {
    const stored::StoredTemporaryRelease& pr = p.temporary_release();
    d::TemporaryRelease r;
    r.decree_number = pr.decree_number();
    ASSIGN_OR_RETURN(r.decided_on, RequiredDate(pr.decided_on(), "temporary_release.decided_on"));
    r.released_by_nip = pr.released_by_nip();
    r.acting_official_nip = pr.acting_official_nip();
    ASSIGN_OR_RETURN(r.ended_on, OptionalDay(pr.ended_on(), "temporary_release.ended_on"));
    c.temporary_release = std::move(r);
  }
  for (const stored::StoredEmployeeEvent& pe : p.employee_events()) {
    d::EmployeeEvent ev;
    ev.kind = static_cast<d::EmployeeEventKind>(pe.event());
    ASSIGN_OR_RETURN(ev.occurred_on, RequiredDate(pe.occurred_on(), "employee_events.occurred_on"));
    ev.document_id = pe.document_id();
    ev.note = pe.note();
    ev.consequence = static_cast<d::EmployeeEventConsequence>(pe.consequence());
    ev.legal_basis = pe.legal_basis();
    ev.state_at_event = static_cast<d::CaseState>(pe.state_at_event());
    c.employee_events.push_back(std::move(ev));
  }
  c.joined_into = p.joined_into();
  c.joined_case_ids.assign(p.joined_case_ids().begin(), p.joined_case_ids().end());
  c.related_case_id = p.related_case_id();
  c.relation = static_cast<d::CaseRelation>(p.relation());
  for (const stored::StoredRelatedCase& r : p.related_by()) {
    c.related_by.push_back({r.case_id(), static_cast<d::CaseRelation>(r.relation())});
  }
  return c;
}

std::string SerializeStoredCase(const d::Case& c) {
  stored::StoredCase p;
  ToStored(c, &p);
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    p.SerializeToCodedStream(&coded);
  }
  return out;
}

absl::StatusOr<d::Case> ParseStoredCase(const std::string& bytes) {
  stored::StoredCase p;
  if (!p.ParseFromString(bytes)) return absl::DataLossError("a stored case does not parse");
  return FromStored(p);
}

}  // namespace discipline::codec
