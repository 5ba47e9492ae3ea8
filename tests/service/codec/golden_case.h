#ifndef DISCIPLINE_TESTS_SERVICE_CODEC_GOLDEN_CASE_H_
#define DISCIPLINE_TESTS_SERVICE_CODEC_GOLDEN_CASE_H_

// The case of the golden stored-bytes fixture (tests/testdata/
// stored_case_v1.bin): every part of a case set, as the store writes it (the
// reporter sealed apart, its commitment in the case). The fixture holds this
// case as the store wrote it while the stored form was the API's Case
// message. FROZEN: the fixture was written from exactly these values; do not
// change them (add a new fixture for new fields instead).

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "service/domain/case.h"

namespace discipline::testing {

inline domain::Case GoldenCase() {
  namespace d = ::discipline::domain;
  d::Case c;
  c.case_id = "01JGOLDEN0000000000000001";
  c.register_number = "HD/2026/000042";
  c.agency_code = "KOTA-CONTOH";
  c.state = d::CaseState::kUnderRemedy;
  c.version = 17;
  c.employee = {"199001012015031001",
                "Budi Santoso",
                d::EmployeeType::kPns,
                "III/c",
                d::PositionKind::kFungsionalKeterampilan,
                "Pranata Komputer Mahir",
                "UNIT-07",
                "Dinas Komunikasi",
                "KOTA-CONTOH",
                d::Environment::kPerwakilanLuarNegeri,
                "198009092005012002",
                true,
                "SIASN-8812"};
  c.source = d::Source::kApip;
  c.reporter_commitment = "a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  d::ViolationRecord alleged;
  alleged.provision_id = "PP94.3.f";
  alleged.description = "Tidak masuk kerja tanpa alasan yang sah";
  alleged.occurred_on = absl::CivilDay(2026, 2, 3);
  alleged.impact = d::Impact::kInstansi;
  alleged.absence_days = 11;
  alleged.consecutive_absence_days = 4;
  alleged.candidate_status = d::CandidateStatus::kCalon;
  alleged.neutrality_aspect = d::NeutralityAspect::kPelayananPublik;
  c.allegations = {alleged};
  c.received_on = absl::CivilDay(2026, 2, 10);
  d::Summons s1;
  s1.sequence = 1;
  s1.issued_on = absl::CivilDay(2026, 2, 11);
  s1.examination_on = absl::CivilDay(2026, 2, 18);
  s1.attended = false;
  s1.missed = true;
  s1.examiner_nips = {"198009092005012002"};
  s1.examination_team_nips = {"197501012000031001", "197801012003122001"};
  s1.examination_team_decree_number = "800/TIM/2026";
  s1.letter_number = "800/SP-1/2026";
  s1.examination_time = "09:30";
  s1.examination_place = "Ruang Rapat Inspektorat";
  s1.signatory_nip = "198009092005012002";
  d::Summons s2 = s1;
  s2.sequence = 2;
  s2.issued_on = absl::CivilDay(2026, 2, 19);
  s2.examination_on = absl::CivilDay(2026, 2, 26);
  s2.attended = true;
  s2.missed = false;
  s2.irregularity = "Surat panggilan pertama tanpa tanda tangan";
  s2.letter_number = "800/SP-2/2026";
  c.summonses = {s1, s2};
  d::Examination ex;
  ex.examined_on = absl::CivilDay(2026, 2, 26);
  ex.attended = true;
  d::ViolationRecord finding = alleged;
  finding.occurred_on.reset();
  finding.proven = true;
  ex.findings = {finding};
  ex.bap_document_id = "doc-bap-1";
  ex.examiner_nips = {"198009092005012002", "197501012000031001"};
  c.examination = ex;
  d::Recommendation r;
  r.assessment.level = d::SanctionLevel::kSedang;
  r.assessment.punishment = d::Punishment::kPotonganTukin6Bulan;
  r.assessment.options = {
      {d::Punishment::kPotonganTukin6Bulan, d::AuthorityRole::kPpk, d::Remedy::kKeberatan, "PPK instansi",
       "PP 94/2021 Pasal 18", d::AuthorityRole::kUnspecified},
      {d::Punishment::kPotonganTukin9Bulan, d::AuthorityRole::kPpk, d::Remedy::kBandingAdministratif, "",
       "PP 94/2021 Pasal 18", d::AuthorityRole::kPejabatFungsionalDitunjuk}};
  r.assessment.examination_team = d::ExaminationTeam::kOptional;
  r.assessment.temporary_release_allowed = true;
  r.assessment.legal_basis = {"PP 94/2021 Pasal 4 huruf f", "PP 94/2021 Pasal 9"};
  r.assessment.track = d::Track::kDiscipline;
  r.assessment.resolved_provision_id = "PP94.4.f.2";
  r.assessment.rules_version = "rules-2026.1";
  r.assessment.explanation = "Tingkat sedang menurut jumlah hari";
  r.assessment.consequences = {"Tidak berlaku"};
  r.authority = {d::AuthorityRole::kPpk, "", "Wali Kota Contoh", "Wali Kota"};
  r.recommended_on = absl::CivilDay(2026, 3, 2);
  r.officials = {{d::Punishment::kPotonganTukin6Bulan, r.authority, {}},
                 {d::Punishment::kPotonganTukin9Bulan,
                  r.authority,
                  {d::AuthorityRole::kPejabatFungsionalDitunjuk, "197501012000031001", "Ani", "Sekretaris Daerah"}}};
  r.tracks = {d::Track::kDiscipline, d::Track::kEthics};
  d::PriorCandidate prior;
  prior.case_id = "01JPRIOR000000000000000001";
  prior.decision_number = "800/HD/2024/3";
  prior.provision_id = "PP94.4.f.2";
  prior.punishment = d::Punishment::kTeguranTertulis;
  prior.imposed_on = absl::CivilDay(2024, 5, 6);
  r.counted_prior = prior;
  c.recommendation = r;
  d::Decision dec;
  dec.outcome = d::DecisionOutcome::kModify;
  dec.punishment = d::Punishment::kPotonganTukin6Bulan;
  dec.decision_number = "800/HD/2026/7";
  dec.decided_on = absl::CivilDay(2026, 3, 5);
  dec.reason = "Sesuai rekomendasi";
  dec.decided_by = r.authority;
  dec.remedy = d::Remedy::kKeberatan;
  dec.proposal = d::Proposal{
      {d::AuthorityRole::kPpk, "", "Wali Kota Contoh", "Wali Kota"}, "800/USUL/2026", absl::CivilDay(2026, 3, 4)};
  dec.moral_sanction = d::MoralSanction::kPernyataanTerbuka;
  dec.dismissal = true;
  dec.document_id = "doc-sk-1";
  dec.rejected_proven_findings = true;
  c.decision = dec;
  c.delivered_on = absl::CivilDay(2026, 3, 9);
  c.effective_on = absl::CivilDay(2026, 4, 1);
  c.remedy = d::Remedy::kKeberatan;
  c.remedy_filed_on = absl::CivilDay(2026, 3, 12);
  c.close_reason = "Belum ditutup";
  c.open_deadlines = {{"remedy_decision", absl::CivilDay(2026, 4, 15), "cal-2026.2", "PP 79/2021 Pasal 13"}};
  c.document_ids = {"doc-report-1", "doc-bap-1"};
  c.created_at = absl::FromUnixMicros(1770700000123456);
  c.updated_at = absl::FromUnixMicros(1772900000654321);
  c.temporarily_released = true;
  c.examination_team_nips = {"197501012000031001", "197801012003122001"};
  d::RemedyDecision rd;
  rd.outcome = d::RemedyOutcome::kModified;
  rd.punishment = d::Punishment::kPotonganTukin9Bulan;
  rd.decision_number = "800/KEB/2026/1";
  rd.decided_on = absl::CivilDay(2026, 3, 30);
  rd.decided_by = {d::AuthorityRole::kPejabatFungsionalDitunjuk, "197501012000031001", "Ani", "Sekretaris Daerah"};
  rd.reason = "Diperberat";
  rd.annulment_reason = d::AnnulmentReason::kProceduralDefect;
  c.remedy_decision = rd;
  c.agency_time_zone = "Asia/Makassar";
  c.external_recommendation =
      d::ExternalRecommendation{d::Issuer::kBawaslu, "REK/BAWASLU/2026/9", absl::CivilDay(2026, 2, 1),
                                d::Track::kDiscipline, d::Punishment::kPotonganTukin6Bulan};
  d::FollowUp f;
  f.state = d::FollowUpState::kBlockingRequested;
  f.due_on = absl::CivilDay(2026, 3, 1);
  f.overdue_on = absl::CivilDay(2026, 3, 2);
  f.blocking_requested_on = absl::CivilDay(2026, 3, 3);
  f.done_on = absl::CivilDay(2026, 3, 5);
  f.blocking_lifted_on = absl::CivilDay(2026, 3, 6);
  c.follow_up = f;
  d::PriorPunishment pp;
  pp.punishment = d::Punishment::kTeguranTertulis;
  pp.provision_id = "PP94.4.f.2";
  pp.decision_number = "800/HD/2024/3";
  pp.decided_on = absl::CivilDay(2024, 5, 6);
  pp.effective_on = absl::CivilDay(2024, 5, 20);
  pp.source = d::PriorSource::kSiasn;
  pp.document_id = "doc-prior-1";
  c.prior_punishments = {pp};
  d::PendingAction pa;
  pa.kind = d::CaseActionKind::kAnnul;
  pa.termination_reason = d::TerminationReason::kLeftService;
  pa.annulment_reason = d::AnnulmentReason::kNoAuthority;
  pa.reason = "Pejabat tidak berwenang";
  pa.decision_number = "800/BATAL/2026";
  pa.decided_on = absl::CivilDay(2026, 4, 2);
  pa.decided_by = {d::AuthorityRole::kPpk, "", "Wali Kota Contoh", "Wali Kota"};
  pa.requested_by = "198009092005012002";
  pa.requested_at = absl::FromUnixMicros(1775100000000001);
  c.pending_action = pa;
  c.termination_reason = d::TerminationReason::kReachedBup;
  d::TemporaryRelease tr;
  tr.decree_number = "800/BEBAS/2026";
  tr.decided_on = absl::CivilDay(2026, 2, 26);
  tr.released_by_nip = "198009092005012002";
  tr.acting_official_nip = "197801012003122001";
  tr.ended_on = absl::CivilDay(2026, 3, 5);
  c.temporary_release = tr;
  d::EmployeeEvent ev;
  ev.kind = d::EmployeeEventKind::kResignationRequested;
  ev.occurred_on = absl::CivilDay(2026, 3, 20);
  ev.document_id = "doc-resign-1";
  ev.note = "Permohonan berhenti";
  ev.consequence = d::EmployeeEventConsequence::kResignationRefused;
  ev.legal_basis = "PP 11/2017 Pasal 238 ayat (3)";
  ev.state_at_event = d::CaseState::kUnderRemedy;
  c.employee_events = {ev};
  c.joined_into = "";
  c.joined_case_ids = {"01JJOINED00000000000000001", "01JJOINED00000000000000002"};
  return c;
}

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_SERVICE_CODEC_GOLDEN_CASE_H_
