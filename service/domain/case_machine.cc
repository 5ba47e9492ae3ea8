#include "service/domain/case_machine.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/nip.h"

namespace discipline::domain {
namespace {

// PP 94/2021 Pasal 4 huruf f: attendance, banded by cumulative days.
constexpr absl::string_view kAttendanceProvision = "PP94.4.f";

// The day the violation of a finding occurred, as filed: the allegation of
// the same provision (or form), when it names one day.
std::optional<absl::CivilDay> OccurredOn(const Case& c, const ViolationRecord& finding) {
  std::optional<absl::CivilDay> on;
  for (const ViolationRecord& a : c.allegations) {
    if (a.provision_id != finding.provision_id || !a.occurred_on.has_value()) continue;
    if (on.has_value() && *on != *a.occurred_on) return std::nullopt;  // several: not one day
    on = a.occurred_on;
  }
  return on;
}

absl::Status IllegalIn(const Case& c, absl::string_view command, absl::string_view allowed) {
  return WithIndonesian(
      absl::FailedPreconditionError(absl::StrCat(command, " is not allowed in state ", Name(c.state), ": ", allowed)),
      absl::StrCat("Langkah ini tidak dapat dilakukan pada tahap perkara saat ini (", Name(c.state), ")."));
}

void CloseDeadline(Case& c, absl::string_view what) {
  c.open_deadlines.erase(std::remove_if(c.open_deadlines.begin(), c.open_deadlines.end(),
                                        [&](const Deadline& d) { return d.what == what; }),
                         c.open_deadlines.end());
}

absl::Status OpenDeadline(const MachineContext& ctx, Case& c, absl::string_view what, absl::CivilDay from,
                          int working_days, absl::string_view basis) {
  ASSIGN_OR_RETURN(CalendarDate due, ctx.calendar.AddWorkingDays(from, working_days, c.agency_code));
  CloseDeadline(c, what);
  c.open_deadlines.push_back({std::string(what), due.day, due.calendar_version, std::string(basis)});
  return absl::OkStatus();
}

// The PPK has decided, or the case has ended otherwise: the follow-up of an
// external recommendation is done on `on`, and a blocking request is lifted.
void CompleteFollowUp(Case& c, absl::CivilDay on) {
  CloseDeadline(c, "ppk_follow_up");
  if (!c.follow_up.has_value() || c.follow_up->state == FollowUpState::kDone) return;
  if (c.follow_up->state == FollowUpState::kBlockingRequested) c.follow_up->blocking_lifted_on = on;
  c.follow_up->state = FollowUpState::kDone;
  c.follow_up->done_on = on;
}

// PP 94/2021 ≈ Pasal 31 (reference §2.5a): the pembebasan sementara lasts
// until the decision; it ends by itself when the case is decided or ends.
void EndRelease(Case& c, absl::CivilDay on) {
  if (c.temporary_release.has_value() && !c.temporary_release->ended_on.has_value()) {
    c.temporary_release->ended_on = on;
  }
}

absl::Status NotBefore(absl::CivilDay day, absl::CivilDay earliest, absl::string_view field,
                       absl::string_view earlier_event) {
  if (day < earliest) {
    return InvalidField(
        field, absl::StrCat(FormatIsoDate(day), " is before ", earlier_event, " (", FormatIsoDate(earliest), ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckNips(const std::vector<std::string>& nips, absl::string_view field) {
  for (const std::string& n : nips) RETURN_IF_ERROR(NormalizeNip(n, field).status());
  return absl::OkStatus();
}

// The NIPs of `field`, normalised (18 digits, spaces removed), without
// repeats; INVALID_ARGUMENT naming the field for a malformed one.
absl::StatusOr<std::vector<std::string>> NormalizedNips(const std::vector<std::string>& nips, absl::string_view field) {
  std::vector<std::string> out;
  for (size_t i = 0; i < nips.size(); ++i) {
    ASSIGN_OR_RETURN(std::string n, NormalizeNip(nips[i], absl::StrCat(field, "[", i, "]")));
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
  }
  return out;
}

// "HH:MM", 00:00 to 23:59 (the summons' examination_time).
bool IsClockTime(absl::string_view t) {
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  if (t.size() != 5 || t[2] != ':' || !digit(t[0]) || !digit(t[1]) || !digit(t[3]) || !digit(t[4])) return false;
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

// api.md "Safe edges": the summons names the examiners (and the examination
// team, formed by the PPK's decree: PP 94/2021, law reference §2 "tim
// pemeriksa") before they act.
absl::StatusOr<Summons> NewSummons(int sequence, const IssueSummonsCommand& cmd) {
  Summons s{sequence, cmd.issued_on, cmd.examination_on};
  ASSIGN_OR_RETURN(s.examiner_nips, NormalizedNips(cmd.examiner_nips, "examiner_nips"));
  ASSIGN_OR_RETURN(s.examination_team_nips, NormalizedNips(cmd.examination_team_nips, "examination_team_nips"));
  s.examination_team_decree_number = cmd.examination_team_decree_number;
  s.letter_number = cmd.letter_number;
  s.examination_place = cmd.examination_place;
  s.examination_time = cmd.examination_time;
  if (!s.examination_time.empty() && !IsClockTime(s.examination_time)) {
    return InvalidField("examination_time", "must be HH:MM (00:00-23:59)", "Jam pemeriksaan harus berformat JJ:MM.");
  }
  if (!cmd.signatory_nip.empty()) {
    ASSIGN_OR_RETURN(std::vector<std::string> signatory, NormalizedNips({cmd.signatory_nip}, "signatory_nip"));
    s.signatory_nip = signatory.front();
  }
  if (!s.examination_team_nips.empty() && s.examination_team_decree_number.empty()) {
    return InvalidField("examination_team_decree_number",
                        "is required with examination_team_nips: the decree that formed the examination team",
                        "Nomor keputusan pembentukan tim pemeriksa wajib diisi.");
  }
  if (s.examination_team_nips.empty() && !s.examination_team_decree_number.empty()) {
    return InvalidField("examination_team_nips", "is required with examination_team_decree_number");
  }
  return s;
}

ViolationFacts FactsOf(const Case& c, const ViolationRecord& f) {
  ViolationFacts v;
  v.provision_id = f.provision_id;
  v.impact = f.impact;
  v.absence_days = f.absence_days;
  v.consecutive_absence_days = f.consecutive_absence_days;
  v.candidate_status = f.candidate_status;
  v.position_kind = c.employee.position_kind;
  v.environment = c.employee.environment;
  v.employee_is_ppk = c.employee.is_ppk;
  // Law reference 2.5a: the punishments open to a PPPK or a CPNS differ.
  v.employee_type = c.employee.employee_type;
  return v;
}

// Every allegation is, on its facts as filed, an ethics breach (a
// neutrality form for a bakal calon): the Majelis Kode Etik examines.
bool BeforeTheEthicsCouncil(const MachineContext& ctx, const Case& c) {
  if (c.allegations.empty()) return false;
  for (const ViolationRecord& a : c.allegations) {
    ViolationFacts facts = FactsOf(c, a);
    facts.on_date = c.received_on;
    auto assessed = ctx.rules.Assess(facts);
    if (!assessed.ok() || assessed->track != Track::kEthics) return false;
  }
  return true;
}

// Not law: an examination date this far ahead is a typing mistake.
absl::Status WithinLead(const MachineContext& ctx, const IssueSummonsCommand& cmd) {
  const int lead = ctx.rules.settings().summons_max_lead_days;
  if (cmd.examination_on > cmd.issued_on + lead) {
    return InvalidField("examination_on",
                        absl::StrCat(FormatIsoDate(cmd.examination_on), " is more than ", lead,
                                     " days after the summons (", FormatIsoDate(cmd.issued_on), ")"),
                        absl::StrCat("Tanggal pemeriksaan paling lama ", lead, " hari setelah surat panggilan."));
  }
  return absl::OkStatus();
}

// PP 94/2021 Pasal 26 ayat (2)-(3) (reference §2.5a): the examination falls
// after the letter and on or before the `days`th working day after it
// (`last`).
absl::Status ExaminationWithin(const IssueSummonsCommand& cmd, int days, absl::CivilDay last, absl::string_view basis) {
  if (cmd.examination_on > last || cmd.examination_on <= cmd.issued_on) {
    return WithIndonesian(
        absl::FailedPreconditionError(
            absl::StrCat(basis, ": the examination must fall within ", days, " working days after the summons letter (",
                         FormatIsoDate(cmd.issued_on), "), i.e. after it and by ", FormatIsoDate(last))),
        absl::StrCat("Jarak antara tanggal surat panggilan dan tanggal pemeriksaan paling lambat ", days,
                     " hari kerja (pemeriksaan paling lambat ", FormatIsoDate(last), ")."));
  }
  return absl::OkStatus();
}

// Peraturan BKN 6/2022 Pasal 50 ayat (1): the punishment takes effect on the
// 15th (working, by configuration) day after `from`, that day not counted.
absl::StatusOr<absl::CivilDay> EffectiveAfter(const MachineContext& ctx, const Case& c, absl::CivilDay from) {
  const LegalSettings& law = ctx.rules.settings();
  if (!law.effective_counts_working_days) return from + law.effective_after_days;
  ASSIGN_OR_RETURN(CalendarDate eff, ctx.calendar.AddWorkingDays(from, law.effective_after_days, c.agency_code));
  return eff.day;
}

// The remedy open against the decision: as decided, or, for a decision
// recorded before the remedy was kept with it, by the authority table.
Remedy OpenRemedy(const MachineContext& ctx, const Case& c) {
  if (c.decision->remedy != Remedy::kUnspecified) return c.decision->remedy;
  return ctx.rules
      .OptionFor(c.decision->punishment, c.employee.position_kind, c.employee.environment, c.employee.is_ppk)
      .remedy;
}

const OptionOfficial* OfficialOf(const Recommendation& r, Punishment p) {
  for (const OptionOfficial& o : r.officials) {
    if (o.punishment == p) return &o;
  }
  return nullptr;
}

// The official, the remedy and the proposal of the punishment imposed: the
// authority follows the option chosen, not the recommendation's first one
// (PP 94/2021: a JPT madya's demotion is the PPK's, the same official's
// PDHTAPS the President's on the PPK's proposal).
absl::Status ApplyOption(const MachineContext& ctx, const Case& c, const DecideCommand& cmd, Decision& d) {
  const Recommendation& r = *c.recommendation;
  const SanctionOption option =
      ctx.rules.OptionFor(d.punishment, c.employee.position_kind, c.employee.environment, c.employee.is_ppk);
  d.remedy = option.remedy;
  const OptionOfficial* chosen = OfficialOf(r, d.punishment);
  if (chosen != nullptr) d.decided_by = chosen->official;
  if (chosen == nullptr || chosen->proposed_by.role == AuthorityRole::kUnspecified) {
    if (!cmd.proposal_number.empty() || cmd.proposed_on.has_value()) {
      return InvalidField("proposal_number", absl::StrCat(Name(d.punishment), " of this employee is imposed by ",
                                                          Name(d.decided_by.role), " without a proposal"));
    }
    return absl::OkStatus();
  }
  if (cmd.proposal_number.empty()) {
    return InvalidField(
        "proposal_number",
        absl::StrCat("is required: ", Name(d.punishment), " is imposed by ", Name(chosen->official.role),
                     " on the proposal of ", Name(chosen->proposed_by.role),
                     " (record the proposal letter; decision_number is the decree)"),
        "Nomor surat usul PPK wajib diisi: hukuman ini ditetapkan Presiden atas usul PPK.");
  }
  if (!cmd.proposed_on.has_value()) return InvalidField("proposed_on", "is required with proposal_number");
  RETURN_IF_ERROR(NotBefore(*cmd.proposed_on, r.recommended_on, "proposed_on", "the recommendation"));
  if (*cmd.proposed_on > cmd.decided_on) {
    return InvalidField("proposed_on", absl::StrCat(FormatIsoDate(*cmd.proposed_on), " is after the decree (",
                                                    FormatIsoDate(cmd.decided_on), ")"));
  }
  d.proposal = Proposal{chosen->proposed_by, cmd.proposal_number, *cmd.proposed_on};
  return absl::OkStatus();
}

}  // namespace

absl::string_view Name(CaseState s) {
  static constexpr absl::string_view k[] = {"UNSPECIFIED", "RECEIVED",     "SUMMONED", "EXAMINED",  "RECOMMENDED",
                                            "DECIDED",     "UNDER_REMEDY", "CLOSED",   "DISMISSED", "TERMINATED"};
  const int i = static_cast<int>(s);
  return i >= 0 && i < 10 ? k[i] : "INVALID";
}

absl::string_view Name(FollowUpState s) {
  static constexpr absl::string_view k[] = {"UNSPECIFIED", "PENDING", "OVERDUE", "BLOCKING_REQUESTED", "DONE"};
  const int i = static_cast<int>(s);
  return i >= 0 && i < 5 ? k[i] : "INVALID";
}

bool HasTrack(const Recommendation& r, Track t) {
  return std::find(r.tracks.begin(), r.tracks.end(), t) != r.tracks.end();
}

bool IsFinal(CaseState s) {
  return s == CaseState::kClosed || s == CaseState::kDismissed || s == CaseState::kTerminated;
}

std::vector<std::string> NamedExaminers(const Case& c) {
  std::vector<std::string> out;
  for (const Summons& s : c.summonses) {
    for (const auto* list : {&s.examiner_nips, &s.examination_team_nips}) {
      for (const std::string& n : *list) {
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
      }
    }
  }
  return out;
}

std::optional<absl::CivilDay> NextDue(const Case& c) {
  std::optional<absl::CivilDay> next;
  for (const Deadline& d : c.open_deadlines) {
    if (!next.has_value() || d.due_on < *next) next = d.due_on;
  }
  return next;
}

void SortByUrgency(std::vector<Case>& recommended) {
  std::stable_sort(recommended.begin(), recommended.end(), [](const Case& a, const Case& b) {
    const std::optional<absl::CivilDay> due_a = NextDue(a), due_b = NextDue(b);
    if (due_a != due_b) return due_a.has_value() && (!due_b.has_value() || *due_a < *due_b);
    return a.recommendation->recommended_on < b.recommendation->recommended_on;
  });
}

// One piece: the first and the second summons of PP 94/2021 Pasal 26 share
// their checks (the days, the examiners, the team); the branches differ only
// in which summons it is.
absl::StatusOr<Case> IssueSummons(const MachineContext& ctx, Case c, const IssueSummonsCommand& cmd) {
  const LegalSettings& law = ctx.rules.settings();
  if (c.state == CaseState::kReceived) {
    RETURN_IF_ERROR(NotBefore(cmd.issued_on, c.received_on, "issued_on", "the receipt of the report"));
    RETURN_IF_ERROR(WithinLead(ctx, cmd));
    // PP 94/2021 Pasal 26 ayat (2) (reference §2.5a): "jarak waktu antara
    // tanggal surat panggilan dengan tanggal pemeriksaan paling lambat 7
    // (tujuh) hari kerja": the examination on or before the 7th working day
    // after the letter. PP 53/2010's "at least 7 working days' notice" is a
    // configuration (legal.summons_interval). A case whose every allegation
    // is an ethics breach goes before the Majelis Kode Etik (PP 42/2004),
    // whose summons notice is the agency guidance's, as configuration (at
    // least that many days).
    const bool council = BeforeTheEthicsCouncil(ctx, c);
    const int notice = council ? law.ethics_summons_notice_working_days : law.summons_notice_working_days;
    const bool at_least = council || law.summons_interval == SummonsInterval::kNoticeAtLeast;
    const char* basis = council    ? "PP 42/2004: panggilan Majelis Kode Etik (pedoman instansi)"
                        : at_least ? "PP 53/2010 (legal.summons_interval: NOTICE_AT_LEAST)"
                                   : "PP 94/2021 Pasal 26 ayat (2)";
    ASSIGN_OR_RETURN(CalendarDate limit, ctx.calendar.AddWorkingDays(cmd.issued_on, notice, c.agency_code));
    if (at_least && cmd.examination_on < limit.day) {
      return WithIndonesian(
          absl::FailedPreconditionError(absl::StrCat(basis, ": the examination must be at least ", notice,
                                                     " working days after the summons, i.e. on or after ",
                                                     FormatIsoDate(limit.day))),
          absl::StrCat("Surat panggilan harus disampaikan paling lambat ", notice,
                       " hari kerja sebelum pemeriksaan (paling cepat ", FormatIsoDate(limit.day), ")."));
    }
    if (!at_least) RETURN_IF_ERROR(ExaminationWithin(cmd, notice, limit.day, basis));
    ASSIGN_OR_RETURN(Summons first, NewSummons(1, cmd));
    c.summonses.push_back(std::move(first));
    c.state = CaseState::kSummoned;
    c.open_deadlines.push_back({"examination", cmd.examination_on, limit.calendar_version, basis});
    return c;
  }
  if (c.state == CaseState::kSummoned && c.summonses.size() == 1 && c.summonses[0].missed) {
    // PP 94/2021 Pasal 26 ayat (3): the second summons at most 7 working days
    // after the date the employee should have been examined.
    const absl::CivilDay missed = c.summonses[0].examination_on;
    RETURN_IF_ERROR(NotBefore(cmd.issued_on, missed, "issued_on", "the missed examination"));
    ASSIGN_OR_RETURN(CalendarDate limit,
                     ctx.calendar.AddWorkingDays(missed, law.second_summons_max_working_days, c.agency_code));
    if (cmd.issued_on > limit.day) {
      return WithIndonesian(
          absl::FailedPreconditionError(
              absl::StrCat("PP 94/2021 Pasal 26 ayat (3): the second summons was due by ", FormatIsoDate(limit.day),
                           " (", law.second_summons_max_working_days, " working days after the missed examination)")),
          absl::StrCat("Surat panggilan kedua paling lambat ", FormatIsoDate(limit.day), "."));
    }
    if (cmd.examination_on <= cmd.issued_on) {
      return InvalidField("examination_on", "must be after issued_on");
    }
    RETURN_IF_ERROR(WithinLead(ctx, cmd));
    // PP 94/2021 Pasal 26 ayat (3) with ayat (2) (reference §2.5a): the
    // second letter, like the first, sets the examination on or before the
    // 7th working day after it. PP 53/2010 set no interval for the second
    // summons (legal.summons_interval: NOTICE_AT_LEAST keeps none).
    if (law.summons_interval == SummonsInterval::kExaminationWithin && !BeforeTheEthicsCouncil(ctx, c)) {
      ASSIGN_OR_RETURN(CalendarDate within,
                       ctx.calendar.AddWorkingDays(cmd.issued_on, law.summons_notice_working_days, c.agency_code));
      RETURN_IF_ERROR(
          ExaminationWithin(cmd, law.summons_notice_working_days, within.day, "PP 94/2021 Pasal 26 ayat (3)"));
    }
    ASSIGN_OR_RETURN(Summons second, NewSummons(2, cmd));
    c.summonses.push_back(std::move(second));
    CloseDeadline(c, "second_summons");
    c.open_deadlines.push_back(
        {"examination", cmd.examination_on, limit.calendar_version, "PP 94/2021 Pasal 26 ayat (3)"});
    return c;
  }
  if (c.state == CaseState::kSummoned) {
    return IllegalIn(c, "IssueSummons",
                     c.summonses.size() >= 2 ? "PP 94/2021 Pasal 26 allows two summonses"
                                             : "a second summons follows a missed examination (record it first)");
  }
  return IllegalIn(c, "IssueSummons", "a summons is issued in RECEIVED, or in SUMMONED after a missed examination");
}

// One piece: the examination's checks in the order of PP 94/2021 Pasal
// 26-27 (the summons' day, the examiners named, the BAP, attendance or
// absence), each citing its article.
absl::StatusOr<Case> RecordExamination(const MachineContext& ctx, Case c, const RecordExaminationCommand& cmd) {
  if (c.state != CaseState::kSummoned || c.summonses.empty() || c.summonses.back().missed) {
    return IllegalIn(c, "RecordExamination", "an examination follows a summons that has not been missed");
  }
  Summons& summons = c.summonses.back();
  // PP 94/2021 Pasal 26 ayat (3)-(4): an absence is known only once the
  // examination date of the summons has come, and the employee is heard on
  // or after the date the summons set. Neither may be recorded earlier.
  if (cmd.examined_on < summons.examination_on) {
    return InvalidField("examined_on",
                        absl::StrCat(FormatIsoDate(cmd.examined_on), " is before the examination date of summons ",
                                     summons.sequence, " (", FormatIsoDate(summons.examination_on),
                                     "): PP 94/2021 Pasal 26 counts attendance or absence from that date"),
                        absl::StrCat("Pemeriksaan atau ketidakhadiran baru dapat dicatat sejak tanggal pemeriksaan "
                                     "dalam surat panggilan (",
                                     FormatIsoDate(summons.examination_on), ")."));
  }
  RETURN_IF_ERROR(CheckNips(cmd.examiner_nips, "examiner_nips"));
  RETURN_IF_ERROR(CheckNips(cmd.examination_team_nips, "examination_team_nips"));
  CloseDeadline(c, "examination");
  if (!cmd.attended && summons.sequence == 1) {
    // Absent at the first summons: a second summons follows.
    summons.missed = true;
    RETURN_IF_ERROR(OpenDeadline(ctx, c, "second_summons", summons.examination_on,
                                 ctx.rules.settings().second_summons_max_working_days, "PP 94/2021 Pasal 26 ayat (3)"));
    return c;
  }
  summons.attended = cmd.attended;
  summons.missed = !cmd.attended;
  // Attended: the BAP records the examination (PP 94/2021 Pasal 27). Absent
  // twice: the official decides on the evidence (Pasal 26 ayat (4)).
  if (cmd.attended && cmd.bap_document_id.empty()) {
    return InvalidField("bap_document_id", "is required when the employee attended (PP 94/2021 Pasal 27: the BAP)",
                        "Dokumen BAP wajib dilampirkan.");
  }
  if (cmd.attended && cmd.examiner_nips.empty())
    return InvalidField("examiner_nips", "at least one examiner is required");
  if (cmd.findings.empty()) return InvalidField("findings", "at least one finding is required");
  bool berat_likely = false;
  for (size_t i = 0; i < cmd.findings.size(); ++i) {
    const ViolationRecord& f = cmd.findings[i];
    if (!f.proven) continue;
    ViolationFacts facts = FactsOf(c, f);
    facts.on_date = cmd.examined_on;
    auto a = ctx.rules.Assess(facts);
    if (!a.ok()) {
      // Name the finding so the examiner knows which one.
      auto field = FieldOf(a.status());
      if (a.status().code() == absl::StatusCode::kInvalidArgument && field.has_value()) {
        return InvalidField(absl::StrCat("findings[", i, "].", *field), a.status().message());
      }
      return absl::Status(a.status().code(), absl::StrCat("findings[", i, "]: ", a.status().message()));
    }
    berat_likely |= a->level == SanctionLevel::kBerat;
  }
  if (cmd.temporary_release && !berat_likely) {
    return absl::FailedPreconditionError(
        "temporary release (pembebasan sementara) is allowed only where hukuman disiplin berat is likely");
  }
  c.examination = Examination{cmd.examined_on, cmd.attended, cmd.findings, cmd.bap_document_id, cmd.examiner_nips};
  // The team the summons named, and the members the examination adds.
  c.examination_team_nips.clear();
  for (const Summons& s : c.summonses) {
    for (const std::string& n : s.examination_team_nips) {
      if (std::find(c.examination_team_nips.begin(), c.examination_team_nips.end(), n) ==
          c.examination_team_nips.end()) {
        c.examination_team_nips.push_back(n);
      }
    }
  }
  for (const std::string& n : cmd.examination_team_nips) {
    if (std::find(c.examination_team_nips.begin(), c.examination_team_nips.end(), n) == c.examination_team_nips.end()) {
      c.examination_team_nips.push_back(n);
    }
  }
  c.temporarily_released = cmd.temporary_release;
  if (!cmd.bap_document_id.empty()) c.document_ids.push_back(cmd.bap_document_id);
  c.state = CaseState::kExamined;
  return c;
}

// One piece: the recommendation's checks in the law's order (a proven
// finding, the level and the punishments permitted, the repeat-offence rule of
// reference §2.5a, the authority of PP 94/2021 Pasal 18-25), each citing its
// article.
absl::StatusOr<Case> RecommendSanction(const MachineContext& ctx, Case c, const RecommendCommand& cmd) {
  if (c.state != CaseState::kExamined)
    return IllegalIn(c, "RecommendSanction", "a recommendation follows the examination");
  RETURN_IF_ERROR(NotBefore(cmd.recommended_on, c.examination->examined_on, "recommended_on", "the examination"));
  std::vector<Assessment> assessments;
  std::vector<std::optional<PriorCandidate>> counted;  // one per assessment
  for (const ViolationRecord& f : c.examination->findings) {
    if (!f.proven) continue;
    ViolationFacts facts = FactsOf(c, f);
    // The sedang types in force on the day of the recommendation (the tukin
    // cut or its substitutes, PP 94/2021 Pasal 8 ayat (3); KMK
    // 5/KMK.01/2022); DecideSanction checks them again on the decision's day.
    facts.on_date = cmd.recommended_on;
    ASSIGN_OR_RETURN(Assessment a, ctx.rules.Assess(facts));
    // A repeat offence is one of the same nature: earlier punishments are
    // kept under the PP 94 provision they were imposed for, and a neutrality
    // form (SKB2022.*) is the offence of the provision it resolves to, so
    // the match is on the resolved provision, whichever form or article
    // either finding was recorded under (reference §2.5a: "sifatnya sama").
    // The prior is the last of that nature in force (LastPriorInForce).
    // Attendance (PP 94/2021 Pasal 4 huruf f) bands by the cumulative days in
    // the year alone: the repeat rule is not applied on top (reference §2.5a).
    std::optional<PriorCandidate> prior;
    if (a.resolved_provision_id != kAttendanceProvision) {
      prior = LastPriorInForce(cmd.priors, a.resolved_provision_id, OccurredOn(c, f));
    }
    if (prior.has_value()) {
      facts.prior_punishment = prior->punishment;
      ASSIGN_OR_RETURN(a, ctx.rules.Assess(facts));
    }
    assessments.push_back(std::move(a));
    counted.push_back(std::move(prior));
  }
  if (assessments.empty()) {
    return absl::FailedPreconditionError("no finding is proven: close the case as dismissed (CloseCase)");
  }
  std::vector<Track> tracks;
  for (const Assessment& a : assessments) {
    if (std::find(tracks.begin(), tracks.end(), a.track) == tracks.end()) tracks.push_back(a.track);
  }
  std::sort(tracks.begin(), tracks.end());
  auto heaviest = HeaviestAssessment(assessments);
  if (!heaviest.ok()) {
    // Only ethics (PP 42/2004: a moral sanction by the PPK) or party
    // membership (dismissal under the ASN law, by the PPK): the dismissal
    // assessment where there is one.
    Recommendation r;
    for (const Assessment& a : assessments) {
      if (r.assessment.track != Track::kDismissal) r.assessment = a;
    }
    r.recommended_on = cmd.recommended_on;
    r.authority = ResolveOfficial(AuthorityRole::kPpk, cmd.superiors, cmd.agency);
    r.tracks = std::move(tracks);
    c.recommendation = std::move(r);
    c.state = CaseState::kRecommended;
    return c;
  }
  if (heaviest->examination_team == ExaminationTeam::kRequired && c.examination_team_nips.empty()) {
    return WithIndonesian(absl::FailedPreconditionError(
                              "PP 94/2021: hukuman disiplin berat requires an examination team (tim pemeriksa); "
                              "record its members with the examination"),
                          "Hukuman disiplin berat wajib diperiksa oleh tim pemeriksa.");
  }
  Recommendation r;
  r.assessment = *std::move(heaviest);
  // The prior counted for the finding recommended on, shown with it.
  for (size_t i = 0; i < assessments.size(); ++i) {
    const Assessment& a = assessments[i];
    if (a.track == r.assessment.track && a.level == r.assessment.level && a.punishment == r.assessment.punishment &&
        a.resolved_provision_id == r.assessment.resolved_provision_id) {
      r.counted_prior = counted[i];
      break;
    }
  }
  r.recommended_on = cmd.recommended_on;
  r.officials = ResolveOptionOfficials(r.assessment, cmd.superiors, cmd.agency);
  if (!r.officials.empty()) r.authority = r.officials.front().official;
  r.tracks = std::move(tracks);
  c.recommendation = std::move(r);
  c.state = CaseState::kRecommended;
  return c;
}

// One piece: a decision's checks in the order they depend on each other (a
// rejection needs its reason, reference §2.5a ≈ Pasal 24; an ethics finding
// takes a moral sanction, PP 42/2004 Pasal 15; an approved or modified type
// must be permitted, PP 94/2021 Pasal 8; the SK's number), then its effects
// (the release ends, ≈ Pasal 31; the delivery deadline, Pasal 37 ayat (3)).
absl::StatusOr<Case> DecideSanction(const MachineContext& ctx, Case c, const DecideCommand& cmd) {
  if (c.state != CaseState::kRecommended)
    return IllegalIn(c, "DecideSanction", "a decision follows the recommendation");
  RETURN_IF_ERROR(NotBefore(cmd.decided_on, c.recommendation->recommended_on, "decided_on", "the recommendation"));
  const Recommendation& rec = *c.recommendation;
  const Assessment& a = rec.assessment;
  // A recommendation stored before tracks were recorded is a discipline one.
  const bool discipline = rec.tracks.empty() || HasTrack(rec, Track::kDiscipline);
  const bool ethics = HasTrack(rec, Track::kEthics);
  const bool dismissal = HasTrack(rec, Track::kDismissal);
  Decision d;
  d.outcome = cmd.outcome;
  d.decision_number = cmd.decision_number;
  d.decided_on = cmd.decided_on;
  d.reason = cmd.reason;
  d.decided_by = rec.authority;
  d.document_id = cmd.decision_document_id;
  if (cmd.outcome == DecisionOutcome::kReject) {
    if (cmd.reason.empty()) {
      return InvalidField("reason", "is required to reject a recommendation", "Alasan penolakan wajib diisi.");
    }
    // Reference §2.5a (the superior's liability, ≈ Pasal 24): a proven
    // violation left unpunished is flagged on the decision.
    if (c.examination.has_value()) {
      for (const ViolationRecord& f : c.examination->findings) d.rejected_proven_findings |= f.proven;
    }
    c.decision = d;
    c.state = CaseState::kDismissed;
    CompleteFollowUp(c, cmd.decided_on);
    EndRelease(c, cmd.decided_on);
    return c;
  }
  if (cmd.outcome != DecisionOutcome::kApprove && cmd.outcome != DecisionOutcome::kModify) {
    return InvalidField("outcome", "must be APPROVE, MODIFY or REJECT");
  }
  // PP 42/2004 Pasal 15: an ethics breach ends in a written moral sanction,
  // a closed or an open statement, issued by the PPK.
  if (ethics && cmd.moral_sanction == MoralSanction::kUnspecified) {
    return InvalidField("moral_sanction",
                        "is required: a proven finding is an ethics breach (PP 42/2004 Pasal 15: pernyataan secara "
                        "tertutup or terbuka)",
                        "Pilih sanksi moral: pernyataan secara tertutup atau pernyataan secara terbuka.");
  }
  if (!ethics && cmd.moral_sanction != MoralSanction::kUnspecified) {
    return InvalidField("moral_sanction", "no proven finding is on the ethics track (PP 42/2004)");
  }
  d.moral_sanction = cmd.moral_sanction;
  // Party membership: dismissal under the ASN law, recorded as such.
  d.dismissal = dismissal;
  if (discipline) {
    if (cmd.outcome == DecisionOutcome::kApprove) {
      d.punishment = a.punishment != Punishment::kUnspecified ? a.punishment : cmd.punishment;
      if (d.punishment == Punishment::kUnspecified) {
        return InvalidField("punishment", "is required: the recommendation leaves the type to the official",
                            "Pilih jenis hukuman disiplin dalam tingkat yang direkomendasikan.");
      }
      if (a.punishment != Punishment::kUnspecified && cmd.punishment != Punishment::kUnspecified &&
          cmd.punishment != a.punishment) {
        return InvalidField("punishment", "differs from the recommended type: use DECISION_OUTCOME_MODIFY");
      }
    } else {
      if (cmd.reason.empty()) {
        return InvalidField("reason", "is required to modify a recommendation",
                            "Alasan perubahan hukuman wajib diisi.");
      }
      d.punishment = cmd.punishment;
    }
    // PP 94/2021 Pasal 8 ayat (3); KMK 5/KMK.01/2022: the tukin cut or its
    // substitute, whichever is imposed on the decision's day.
    RETURN_IF_ERROR(ctx.rules.CheckInForce(d.punishment, cmd.decided_on));
    if (!RulesEngine::Permits(a, d.punishment)) {
      return WithIndonesian(absl::FailedPreconditionError(
                                absl::StrCat("punishment ", Name(d.punishment), " is not permitted for ", Name(a.level),
                                             " (", a.legal_basis.empty() ? "" : a.legal_basis[0], ")")),
                            "Jenis hukuman tidak sesuai dengan tingkat hukuman disiplin yang ditetapkan.");
    }
  } else {
    if (cmd.punishment != Punishment::kUnspecified) {
      return InvalidField("punishment",
                          "no proven finding is on the discipline track: the decision is the moral sanction or the "
                          "dismissal, not a PP 94/2021 punishment");
    }
    if (cmd.outcome == DecisionOutcome::kModify) {
      return InvalidField("outcome", "a moral sanction or a dismissal is approved or rejected, not modified");
    }
  }
  if (cmd.decision_number.empty()) {
    return InvalidField("decision_number", "is required (the number of the SK)", "Nomor SK wajib diisi.");
  }
  if (discipline) {
    RETURN_IF_ERROR(ApplyOption(ctx, c, cmd, d));
  } else if (!cmd.proposal_number.empty() || cmd.proposed_on.has_value()) {
    return InvalidField("proposal_number", "a moral sanction or a dismissal is decided without a proposal");
  } else {
    // A moral sanction is not a hukuman disiplin: PP 79/2021 opens no
    // remedy against it. A dismissal under the ASN law is appealed to BPASN
    // (banding administratif).
    d.remedy = dismissal ? Remedy::kBandingAdministratif : Remedy::kNone;
  }
  c.decision = d;
  c.state = CaseState::kDecided;
  EndRelease(c, cmd.decided_on);  // PP 94/2021 ≈ Pasal 31: until the decision
  if (!d.document_id.empty()) c.document_ids.push_back(d.document_id);
  CompleteFollowUp(c, cmd.decided_on);
  // PP 94/2021 Pasal 37 ayat (3): "paling lambat 14 (empat belas) hari sejak
  // keputusan ditetapkan" (reference §2.5a): calendar days by default, or
  // working days where configured (one data set's reading).
  const LegalSettings& law = ctx.rules.settings();
  if (law.delivery_counts_working_days) {
    RETURN_IF_ERROR(OpenDeadline(ctx, c, "delivery", cmd.decided_on, law.delivery_max_working_days,
                                 "PP 94/2021 Pasal 37 ayat (3) (hari kerja)"));
  } else {
    CloseDeadline(c, "delivery");
    c.open_deadlines.push_back({"delivery", cmd.decided_on + law.delivery_max_working_days,
                                ctx.calendar.Version(c.agency_code), "PP 94/2021 Pasal 37 ayat (3)"});
  }
  return c;
}

absl::StatusOr<Case> RecordDelivery(const MachineContext& ctx, Case c, absl::CivilDay delivered_on) {
  if (c.state != CaseState::kDecided || c.delivered_on.has_value()) {
    return IllegalIn(c, "RecordDelivery", "delivery follows a decision, once");
  }
  RETURN_IF_ERROR(NotBefore(delivered_on, c.decision->decided_on, "delivered_on", "the decision"));
  const LegalSettings& law = ctx.rules.settings();
  CloseDeadline(c, "delivery");
  c.delivered_on = delivered_on;
  // Peraturan BKN 6/2022 Pasal 50 ayat (1): effective on the 15th (working)
  // day after receipt, the day of receipt not counted.
  ASSIGN_OR_RETURN(c.effective_on, EffectiveAfter(ctx, c, delivered_on));
  const Remedy open = OpenRemedy(ctx, c);
  if (open == Remedy::kKeberatan || open == Remedy::kBandingAdministratif) {
    RETURN_IF_ERROR(OpenDeadline(ctx, c, "remedy", delivered_on, law.remedy_window_working_days, "PP 79/2021"));
  }
  return c;
}

absl::StatusOr<Case> FileRemedy(const MachineContext& ctx, Case c, Remedy kind, absl::CivilDay filed_on) {
  if (c.state != CaseState::kDecided || !c.delivered_on.has_value()) {
    return IllegalIn(c, "FileRemedy", "a remedy is filed against a delivered decision");
  }
  // PP 79/2021: banding administratif against PDHTAPS, keberatan against the
  // others; none where the settings close it (ringan, the President). The
  // remedy is the one of the punishment imposed and of who imposed it.
  const Remedy open = OpenRemedy(ctx, c);
  if (kind != open || kind == Remedy::kNone) {
    return WithIndonesian(absl::FailedPreconditionError(absl::StrCat(
                              "PP 79/2021: the remedy open against ", Name(c.decision->punishment), " imposed by ",
                              Name(c.decision->decided_by.role), " is ", Name(open), ", not ", Name(kind))),
                          "Upaya administratif yang diajukan tidak sesuai dengan jenis hukuman.");
  }
  RETURN_IF_ERROR(NotBefore(filed_on, *c.delivered_on, "filed_on", "the delivery of the decision"));
  ASSIGN_OR_RETURN(
      CalendarDate last,
      ctx.calendar.AddWorkingDays(*c.delivered_on, ctx.rules.settings().remedy_window_working_days, c.agency_code));
  if (filed_on > last.day) {
    return absl::FailedPreconditionError(
        absl::StrCat("PP 79/2021: the remedy window closed on ", FormatIsoDate(last.day)));
  }
  CloseDeadline(c, "remedy");
  c.remedy = kind;
  c.remedy_filed_on = filed_on;
  c.state = CaseState::kUnderRemedy;
  // PP 79/2021 with PP 94/2021 (reference §2.5, §2.5a "Remedy and the
  // effective date"): a remedy filed within its window suspends the
  // effective date; the remedy decision sets it (DecideRemedy).
  c.effective_on.reset();
  // PP 79/2021 (time limit unverified, configuration): the superior or BPASN
  // decides within the configured working days.
  const LegalSettings& law = ctx.rules.settings();
  RETURN_IF_ERROR(
      OpenDeadline(ctx, c, "remedy_decision", filed_on,
                   kind == Remedy::kKeberatan ? law.keberatan_decision_working_days : law.banding_decision_working_days,
                   kind == Remedy::kKeberatan ? "PP 79/2021: keputusan atas keberatan"
                                              : "PP 79/2021: keputusan BPASN atas banding administratif"));
  return c;
}

// One piece: a keberatan or banding decided as PP 79/2021 orders it (upheld,
// lightened, heavier, annulled), each outcome's effect on the punishment
// (PP 94/2021 Pasal 8) next to its check.
absl::StatusOr<Case> DecideRemedy(const MachineContext& ctx, Case c, const DecideRemedyCommand& cmd) {
  if (c.state != CaseState::kUnderRemedy) {
    return IllegalIn(c, "DecideRemedy", "a remedy decision follows a keberatan or banding that was filed");
  }
  RETURN_IF_ERROR(NotBefore(cmd.decided_on, *c.remedy_filed_on, "decided_on", "the filing of the remedy"));
  if (cmd.decision_number.empty()) return InvalidField("decision_number", "is required (the remedy decision's number)");
  RemedyDecision r;
  r.outcome = cmd.outcome;
  r.decision_number = cmd.decision_number;
  r.decided_on = cmd.decided_on;
  r.reason = cmd.reason;
  if (c.remedy == Remedy::kBandingAdministratif) {
    r.decided_by = Bpasn();  // PP 79/2021: BPASN hears the banding
  } else {
    // PP 79/2021: the superior of the official who imposed the punishment
    // decides a keberatan: never that official.
    if (cmd.decided_by.name.empty()) {
      return InvalidField("decided_by.name", "is required: the superior of the official who imposed the punishment");
    }
    const Official& imposed_by = c.decision->decided_by;
    // Officials without a NIP (a PPK) are told apart by their name: the
    // governor decides the keberatan against the mayor's decision.
    if ((!cmd.decided_by.nip.empty() && cmd.decided_by.nip == imposed_by.nip) ||
        (cmd.decided_by.nip.empty() && imposed_by.nip.empty() && cmd.decided_by.role == imposed_by.role &&
         cmd.decided_by.role != AuthorityRole::kUnspecified &&
         (cmd.decided_by.role != AuthorityRole::kPpk || imposed_by.name.empty() ||
          cmd.decided_by.name == imposed_by.name))) {
      return WithIndonesian(
          absl::FailedPreconditionError(
              "PP 79/2021: a keberatan is decided by the superior of the official who imposed the punishment, not by "
              "that official"),
          "Keberatan diputus oleh atasan pejabat yang menjatuhkan hukuman, bukan oleh pejabat itu sendiri.");
    }
    if (!cmd.decided_by.nip.empty()) RETURN_IF_ERROR(NormalizeNip(cmd.decided_by.nip, "decided_by.nip").status());
    r.decided_by = cmd.decided_by;
  }
  const Assessment& a = c.recommendation->assessment;
  switch (cmd.outcome) {
    case RemedyOutcome::kUpheld:
    case RemedyOutcome::kAnnulled:
      if (cmd.punishment != Punishment::kUnspecified) {
        return InvalidField("punishment", "is only for REMEDY_OUTCOME_MODIFIED");
      }
      if (cmd.outcome == RemedyOutcome::kAnnulled) {
        if (cmd.annulment_reason == AnnulmentReason::kUnspecified) {
          return InvalidField("annulment_reason", "is required to annul a punishment",
                              "Alasan pembatalan hukuman wajib dipilih.");
        }
        r.annulment_reason = cmd.annulment_reason;
      }
      break;
    case RemedyOutcome::kModified: {
      if (cmd.reason.empty()) return InvalidField("reason", "is required to modify a punishment");
      const SanctionLevel level = ctx.rules.LevelOf(c.decision->punishment);
      if (cmd.punishment == Punishment::kUnspecified || cmd.punishment == c.decision->punishment) {
        return InvalidField("punishment", "is required: another punishment of the same level");
      }
      // The remedy body modifies within the punishments of the violation's
      // level (PP 94/2021 Pasal 8).
      if (ctx.rules.LevelOf(cmd.punishment) != level) {
        return WithIndonesian(
            absl::FailedPreconditionError(absl::StrCat(
                "punishment ", Name(cmd.punishment), " is not of level ", Name(level), " of the violation (",
                a.legal_basis.empty() ? "PP 94/2021 Pasal 8" : a.legal_basis[0], ")")),
            "Hukuman pengganti harus dalam tingkat hukuman disiplin yang sama.");
      }
      // PP 94/2021 Pasal 8 ayat (3); KMK 5/KMK.01/2022: the type imposed on
      // the remedy decision's day.
      RETURN_IF_ERROR(ctx.rules.CheckInForce(cmd.punishment, cmd.decided_on));
      r.punishment = cmd.punishment;
      break;
    }
    default:
      return InvalidField("outcome", "must be UPHELD, MODIFIED or ANNULLED");
  }
  CloseDeadline(c, "remedy_decision");
  // PP 79/2021 with PP 94/2021 (reference §2.5a "Remedy and the effective
  // date"): where a remedy is filed, the punishment takes effect by the
  // remedy decision: upheld or modified, by the rule of effect after
  // delivery (Peraturan BKN 6/2022 Pasal 50 ayat (1)) counted from the
  // remedy decision; annulled, not at all.
  if (cmd.outcome == RemedyOutcome::kAnnulled) {
    c.effective_on.reset();
  } else {
    ASSIGN_OR_RETURN(c.effective_on, EffectiveAfter(ctx, c, cmd.decided_on));
  }
  c.remedy_decision = std::move(r);
  c.close_reason = absl::StrCat("upaya administratif diputus: ", cmd.decision_number);
  c.open_deadlines.clear();
  c.state = CaseState::kClosed;
  return c;
}

absl::StatusOr<Case> CloseCase(const MachineContext& ctx, Case c, const CloseCommand& cmd) {
  if (IsFinal(c.state)) return IllegalIn(c, "CloseCase", "the case is already closed");
  if (cmd.reason.empty()) return InvalidField("reason", "is required");
  c.close_reason = cmd.reason;
  if (cmd.terminated) {
    // The employee died or left service before the decision: not punished.
    if (c.state == CaseState::kDecided || c.state == CaseState::kUnderRemedy) {
      return IllegalIn(c, "CloseCase(terminated)", "termination ends a case before the decision");
    }
    if (cmd.termination_reason == TerminationReason::kUnspecified) {
      return InvalidField("termination_reason",
                          "is required to terminate a case (died, reached BUP, left service, other)",
                          "Alasan penghentian perkara wajib dipilih.");
    }
    c.termination_reason = cmd.termination_reason;
    CompleteFollowUp(c, cmd.closed_on);
    EndRelease(c, cmd.closed_on);
    c.open_deadlines.clear();
    c.state = CaseState::kTerminated;
    return c;
  }
  switch (c.state) {
    case CaseState::kExamined: {
      const bool any_proven = std::any_of(c.examination->findings.begin(), c.examination->findings.end(),
                                          [](const ViolationRecord& f) { return f.proven; });
      if (any_proven) return IllegalIn(c, "CloseCase", "a proven violation must be punished (recommend a sanction)");
      c.state = CaseState::kDismissed;
      break;
    }
    case CaseState::kDecided:
      if (!c.delivered_on.has_value()) return IllegalIn(c, "CloseCase", "the decision must be delivered first");
      c.state = CaseState::kClosed;
      break;
    case CaseState::kUnderRemedy: {
      // The remedy withdrawn: the suspension ends and the punishment takes
      // effect as after a decision, counted from the withdrawal (reference
      // §2.5a; the withdrawal's own rule is unverified, README).
      ASSIGN_OR_RETURN(c.effective_on, EffectiveAfter(ctx, c, cmd.closed_on));
      c.state = CaseState::kClosed;
      break;
    }
    default:
      return IllegalIn(c, "CloseCase",
                       "a case closes after delivery or remedy, is dismissed when nothing is proven, or is "
                       "terminated");
  }
  CompleteFollowUp(c, cmd.closed_on);
  c.open_deadlines.clear();
  return c;
}

absl::string_view Name(CaseActionKind k) {
  switch (k) {
    case CaseActionKind::kTerminate:
      return "TERMINATE";
    case CaseActionKind::kAnnul:
      return "ANNUL";
    default:
      return "UNSPECIFIED";
  }
}

absl::Status NothingPending(const Case& c) {
  if (!c.pending_action.has_value()) return absl::OkStatus();
  return WithIndonesian(absl::FailedPreconditionError(absl::StrCat("pending_action: a ", Name(c.pending_action->kind),
                                                                   " requested by ", c.pending_action->requested_by,
                                                                   " awaits confirmation; confirm or reject it first")),
                        "Masih ada permintaan yang menunggu konfirmasi PPK.");
}

absl::StatusOr<Case> RequestTermination(const MachineContext& ctx, Case c, const CloseCommand& cmd,
                                        const std::string& requested_by, absl::Time requested_at) {
  RETURN_IF_ERROR(NothingPending(c));
  // Legal now: the termination as it would be carried out.
  RETURN_IF_ERROR(CloseCase(ctx, c, cmd).status());
  PendingAction p;
  p.kind = CaseActionKind::kTerminate;
  p.termination_reason = cmd.termination_reason;
  p.reason = cmd.reason;
  p.requested_by = requested_by;
  p.requested_at = requested_at;
  c.pending_action = std::move(p);
  return c;
}

absl::StatusOr<Case> RequestAnnulment(const MachineContext& ctx, Case c, const DecideRemedyCommand& cmd,
                                      const std::string& requested_by, absl::Time requested_at) {
  RETURN_IF_ERROR(NothingPending(c));
  if (cmd.outcome != RemedyOutcome::kAnnulled) return InvalidField("outcome", "must be REMEDY_OUTCOME_ANNULLED");
  ASSIGN_OR_RETURN(Case decided, DecideRemedy(ctx, c, cmd));
  PendingAction p;
  p.kind = CaseActionKind::kAnnul;
  p.annulment_reason = cmd.annulment_reason;
  p.reason = cmd.reason;
  p.decision_number = cmd.decision_number;
  p.decided_on = cmd.decided_on;
  p.decided_by = decided.remedy_decision->decided_by;
  p.requested_by = requested_by;
  p.requested_at = requested_at;
  c.pending_action = std::move(p);
  return c;
}

absl::StatusOr<Case> ConfirmAction(const MachineContext& ctx, Case c, CaseActionKind kind, bool reject,
                                   absl::CivilDay today) {
  if (!c.pending_action.has_value() || c.pending_action->kind != kind) {
    return WithIndonesian(
        absl::FailedPreconditionError(absl::StrCat("kind: no ", Name(kind), " awaits confirmation on this case")),
        "Tidak ada permintaan yang menunggu konfirmasi.");
  }
  const PendingAction p = *c.pending_action;
  c.pending_action.reset();
  if (reject) return c;
  if (kind == CaseActionKind::kTerminate) {
    return CloseCase(ctx, std::move(c), {p.reason, true, today, p.termination_reason});
  }
  DecideRemedyCommand cmd;
  cmd.outcome = RemedyOutcome::kAnnulled;
  cmd.decision_number = p.decision_number;
  cmd.decided_on = p.decided_on;
  cmd.decided_by = p.decided_by;
  cmd.reason = p.reason;
  cmd.annulment_reason = p.annulment_reason;
  return DecideRemedy(ctx, std::move(c), cmd);
}

Official ResolveOfficial(AuthorityRole role, const std::vector<EmployeeSnapshot>& chain, const Agency& agency) {
  auto holds = [](AuthorityRole r, PositionKind k) {
    switch (r) {
      case AuthorityRole::kJptMadya:
        return k == PositionKind::kJptMadya;
      case AuthorityRole::kJptPratama:
        return k == PositionKind::kJptPratama;
      case AuthorityRole::kAdministrator:
        return k == PositionKind::kAdministrator;
      case AuthorityRole::kPengawas:
        return k == PositionKind::kPengawas;
      default:
        return false;
    }
  };
  for (AuthorityRole r = role; r != AuthorityRole::kUnspecified;) {
    if (r == AuthorityRole::kPresiden) return {r, "", "Presiden Republik Indonesia", "Presiden"};
    if (r == AuthorityRole::kPpk) return {r, "", agency.ppk_name, agency.ppk_title};
    if (r == AuthorityRole::kKepalaPerwakilan && !chain.empty()) {
      const EmployeeSnapshot& top = chain.back();
      return {r, top.nip, top.name, top.position_title};
    }
    for (const EmployeeSnapshot& s : chain) {
      if (holds(r, s.position_kind)) return {r, s.nip, s.name, s.position_title};
    }
    // No such official for this employee: the authority passes up.
    r = NextHigherAuthority(r);
  }
  return {AuthorityRole::kPpk, "", agency.ppk_name, agency.ppk_title};
}

std::vector<OptionOfficial> ResolveOptionOfficials(const Assessment& a, const std::vector<EmployeeSnapshot>& chain,
                                                   const Agency& agency) {
  std::vector<OptionOfficial> out;
  for (const SanctionOption& o : a.options) {
    OptionOfficial r;
    r.punishment = o.punishment;
    r.official = ResolveOfficial(o.authority, chain, agency);
    if (o.proposed_by != AuthorityRole::kUnspecified) r.proposed_by = ResolveOfficial(o.proposed_by, chain, agency);
    out.push_back(std::move(r));
  }
  return out;
}

Official Bpasn() { return {AuthorityRole::kUnspecified, "", "Badan Pertimbangan Aparatur Sipil Negara", "BPASN"}; }

std::optional<Punishment> EffectivePunishment(const Case& c) {
  if (!c.decision.has_value() || c.decision->punishment == Punishment::kUnspecified) return std::nullopt;
  if (c.decision->outcome == DecisionOutcome::kReject) return std::nullopt;
  // Reference §2.5a (PP 53/2010 Pasal 40 practice): the employee's death
  // after the decision ends the duty to serve the punishment.
  for (const EmployeeEvent& e : c.employee_events) {
    if (e.consequence == EmployeeEventConsequence::kCaseClosedPunishmentLapsed) return std::nullopt;
  }
  if (c.remedy_decision.has_value()) {
    if (c.remedy_decision->outcome == RemedyOutcome::kAnnulled) return std::nullopt;
    if (c.remedy_decision->outcome == RemedyOutcome::kModified) return c.remedy_decision->punishment;
  }
  return c.decision->punishment;
}

absl::StatusOr<Case> AddPriorPunishment(const MachineContext& ctx, Case c, PriorPunishment prior) {
  if (IsFinal(c.state)) return IllegalIn(c, "AddPriorPunishment", "a prior punishment is entered on an open case");
  if (prior.punishment == Punishment::kUnspecified) {
    return InvalidField("prior.punishment", "is required (the punishment the SK imposed)",
                        "Jenis hukuman disiplin terdahulu wajib diisi.");
  }
  // "Sifatnya sama" is judged by the PP 94/2021 provision (reference §2.5a):
  // the prior names the provision it was imposed for, not a neutrality form.
  if (prior.provision_id.empty()) {
    return InvalidField("prior.provision_id", "is required (the PP 94/2021 provision the punishment was imposed for)",
                        "Pasal pelanggaran hukuman terdahulu wajib diisi.");
  }
  if (!absl::StartsWith(prior.provision_id, "PP94.") || !ctx.rules.HasProvision(prior.provision_id)) {
    return InvalidField("prior.provision_id",
                        absl::StrCat("'", prior.provision_id.substr(0, 64),
                                     "' is not a PP 94/2021 provision of the catalogue (e.g. PP94.3.d)"),
                        "Pasal pelanggaran harus pasal PP 94/2021 yang dikenal (mis. PP94.3.d).");
  }
  if (prior.decision_number.empty()) {
    return InvalidField("prior.decision_number", "is required (the number of the SK)", "Nomor SK wajib diisi.");
  }
  if (prior.effective_on.has_value() && *prior.effective_on < prior.decided_on) {
    return InvalidField("prior.effective_on",
                        absl::StrCat(FormatIsoDate(*prior.effective_on), " is before decided_on (",
                                     FormatIsoDate(prior.decided_on), ")"));
  }
  if (prior.source == PriorSource::kUnspecified) {
    return InvalidField("prior.source", "is required: PRIOR_SOURCE_MANUAL, PRIOR_SOURCE_SIMPEG or PRIOR_SOURCE_SIASN");
  }
  for (const PriorPunishment& p : c.prior_punishments) {
    if (p.decision_number == prior.decision_number) {
      return WithIndonesian(
          absl::AlreadyExistsError(absl::StrCat("prior.decision_number: SK ", prior.decision_number.substr(0, 128),
                                                " is already recorded on this case")),
          "SK hukuman terdahulu ini sudah dicatat pada perkara ini.");
    }
  }
  if (!prior.document_id.empty()) c.document_ids.push_back(prior.document_id);
  c.prior_punishments.push_back(std::move(prior));
  return c;
}

std::vector<PriorCandidate> PriorCandidates(const std::vector<Case>& decided,
                                            const std::vector<PriorPunishment>& recorded,
                                            const std::string& current_case_id) {
  std::vector<PriorCandidate> out;
  std::set<std::string> numbers;
  for (const Case& e : decided) {
    if (e.case_id == current_case_id || !e.recommendation.has_value() || !e.decision.has_value()) continue;
    const std::string& provision = e.recommendation->assessment.resolved_provision_id;
    if (provision.empty() || e.decision->outcome == DecisionOutcome::kReject ||
        e.decision->punishment == Punishment::kUnspecified) {
      continue;
    }
    PriorCandidate p;
    p.case_id = e.case_id;
    p.decision_number = e.decision->decision_number;
    p.provision_id = provision;
    p.punishment = e.decision->punishment;
    p.imposed_on = e.decision->decided_on;
    if (!e.delivered_on.has_value()) {
      p.standing = PriorStanding::kNotDelivered;
    } else if (e.state == CaseState::kUnderRemedy) {
      p.standing = PriorStanding::kUnderRemedy;
    } else if (e.remedy_decision.has_value() && e.remedy_decision->outcome == RemedyOutcome::kAnnulled) {
      p.standing = PriorStanding::kAnnulled;
    } else if (e.remedy_decision.has_value() && e.remedy_decision->outcome == RemedyOutcome::kModified) {
      // PP 79/2021: the punishment in force is the remedy decision's.
      p.punishment = e.remedy_decision->punishment;
      p.imposed_on = e.remedy_decision->decided_on;
    }
    if (!p.decision_number.empty()) numbers.insert(p.decision_number);
    out.push_back(std::move(p));
  }
  for (const PriorPunishment& r : recorded) {
    if (r.punishment == Punishment::kUnspecified || r.provision_id.empty()) continue;
    // The same SK read back from SIASN or SIMPEG is the case's: counted once,
    // as the case stands.
    if (!r.decision_number.empty() && !numbers.insert(r.decision_number).second) continue;
    out.push_back({"", r.decision_number, r.provision_id, r.punishment, r.decided_on, PriorStanding::kInForce});
  }
  return out;
}

std::optional<PriorCandidate> LastPriorInForce(const std::vector<PriorCandidate>& candidates,
                                               absl::string_view provision_id,
                                               std::optional<absl::CivilDay> violation_on) {
  // "... dijatuhi jenis Hukuman Disiplin yang lebih berat dari Hukuman
  // Disiplin terakhir yang pernah dijatuhkan kepadanya" (reference §2.5a;
  // PP 94/2021 jo. Peraturan BKN 6/2022, article unverified): the last in
  // force, not the heaviest.
  std::optional<PriorCandidate> last;
  for (const PriorCandidate& p : candidates) {
    if (p.standing != PriorStanding::kInForce || provision_id.empty() || p.provision_id != provision_id) continue;
    // "Pernah dijatuhi Hukuman Disiplin, kemudian melakukan ...": imposed
    // before the new violation.
    if (violation_on.has_value() && !(p.imposed_on < *violation_on)) continue;
    if (!last.has_value() || p.imposed_on > last->imposed_on ||
        (p.imposed_on == last->imposed_on && p.punishment > last->punishment)) {
      last = p;
    }
  }
  return last;
}

}  // namespace discipline::domain

namespace discipline::domain {

absl::Status OpenFollowUp(const MachineContext& ctx, Case& c, ExternalRecommendation r,
                          std::optional<absl::CivilDay> due_on) {
  if (r.issuer == Issuer::kUnspecified) return InvalidField("recommendation.issuer", "is required");
  if (r.number.empty())
    return InvalidField("recommendation.number", "is required (the recommendation letter's number)");
  if (r.issued_on > c.received_on) {
    return InvalidField("recommendation.issued_on", absl::StrCat(FormatIsoDate(r.issued_on), " is after received_on (",
                                                                 FormatIsoDate(c.received_on), ")"));
  }
  Deadline d{"ppk_follow_up", {}, "", "SKB 2022 netralitas ASN: tindak lanjut rekomendasi oleh PPK"};
  if (due_on.has_value()) {
    RETURN_IF_ERROR(NotBefore(*due_on, c.received_on, "recommendation.follow_up_due_on", "received_on"));
    d.due_on = *due_on;
    d.calendar_version = ctx.calendar.Version(c.agency_code);
  } else {
    // The period counts from the day the agency received the recommendation,
    // that day not counted (configuration: the decree's figure is unverified).
    ASSIGN_OR_RETURN(
        CalendarDate due,
        ctx.calendar.AddWorkingDays(c.received_on, ctx.rules.settings().ppk_follow_up_working_days, c.agency_code));
    d.due_on = due.day;
    d.calendar_version = due.calendar_version;
  }
  CloseDeadline(c, "ppk_follow_up");
  c.open_deadlines.push_back(d);
  c.external_recommendation = std::move(r);
  c.follow_up = FollowUp{FollowUpState::kPending, d.due_on, {}, {}, {}, {}};
  return absl::OkStatus();
}

absl::StatusOr<std::optional<FollowUpState>> DueEscalation(const MachineContext& ctx, const Case& c,
                                                           absl::CivilDay today) {
  if (!c.follow_up.has_value()) return std::optional<FollowUpState>();
  const FollowUp& f = *c.follow_up;
  switch (f.state) {
    case FollowUpState::kPending:
      if (today > f.due_on) return std::optional<FollowUpState>(FollowUpState::kOverdue);
      break;
    case FollowUpState::kOverdue: {
      ASSIGN_OR_RETURN(
          CalendarDate last,
          ctx.calendar.AddWorkingDays(f.due_on, ctx.rules.settings().blocking_grace_working_days, c.agency_code));
      if (today > last.day) return std::optional<FollowUpState>(FollowUpState::kBlockingRequested);
      break;
    }
    default:
      break;
  }
  return std::optional<FollowUpState>();
}

absl::StatusOr<Case> Escalate(const MachineContext& ctx, Case c, absl::CivilDay today) {
  ASSIGN_OR_RETURN(std::optional<FollowUpState> next, DueEscalation(ctx, c, today));
  if (!next.has_value()) {
    return absl::FailedPreconditionError(absl::StrCat("follow_up: no escalation is due on ", FormatIsoDate(today)));
  }
  c.follow_up->state = *next;
  if (*next == FollowUpState::kOverdue) c.follow_up->overdue_on = today;
  // Peraturan BKN 1/2023: BKN blocks the employee's personnel services in
  // SIASN until the PPK follows the recommendation up.
  if (*next == FollowUpState::kBlockingRequested) c.follow_up->blocking_requested_on = today;
  return c;
}

absl::StatusOr<Case> WithdrawRecommendation(const MachineContext& ctx, Case c,
                                            const WithdrawRecommendationCommand& cmd) {
  (void)ctx;
  if (c.state != CaseState::kRecommended) {
    return IllegalIn(c, "WithdrawRecommendation", "only a recommendation not yet decided can be withdrawn");
  }
  if (cmd.reason.empty()) {
    return InvalidField("reason", "is required: why the recommendation is withdrawn",
                        "Alasan penarikan rekomendasi wajib diisi.");
  }
  // The examination stands; a new recommendation is made from it (the
  // official decides only on a recommendation, PP 94/2021 Pasal 27).
  c.recommendation.reset();
  c.state = CaseState::kExamined;
  return c;
}

namespace {

// The interval rule of a (re)issued letter of summons `sequence`, as
// IssueSummons applies it (PP 94/2021 Pasal 26 ayat (2)-(3), reference
// §2.5a; PP 53/2010 and the ethics council's notice by configuration).
// Returns the examination deadline to open.
absl::StatusOr<Deadline> ReissuedInterval(const MachineContext& ctx, const Case& c, int sequence,
                                          const IssueSummonsCommand& cmd) {
  const LegalSettings& law = ctx.rules.settings();
  if (cmd.examination_on <= cmd.issued_on) return InvalidField("examination_on", "must be after issued_on");
  RETURN_IF_ERROR(WithinLead(ctx, cmd));
  const bool council = BeforeTheEthicsCouncil(ctx, c);
  const int notice = council ? law.ethics_summons_notice_working_days : law.summons_notice_working_days;
  const bool at_least = council || law.summons_interval == SummonsInterval::kNoticeAtLeast;
  const char* basis = sequence == 2 ? "PP 94/2021 Pasal 26 ayat (3)"
                      : council     ? "PP 42/2004: panggilan Majelis Kode Etik (pedoman instansi)"
                      : at_least    ? "PP 53/2010 (legal.summons_interval: NOTICE_AT_LEAST)"
                                    : "PP 94/2021 Pasal 26 ayat (2)";
  ASSIGN_OR_RETURN(CalendarDate limit, ctx.calendar.AddWorkingDays(cmd.issued_on, notice, c.agency_code));
  if (sequence == 1 && at_least && cmd.examination_on < limit.day) {
    return WithIndonesian(
        absl::FailedPreconditionError(absl::StrCat(basis, ": the examination must be at least ", notice,
                                                   " working days after the summons, i.e. on or after ",
                                                   FormatIsoDate(limit.day))),
        absl::StrCat("Surat panggilan harus disampaikan paling lambat ", notice,
                     " hari kerja sebelum pemeriksaan (paling cepat ", FormatIsoDate(limit.day), ")."));
  }
  // The second letter, like the first, sets the examination within 7
  // working days (PP 94/2021 Pasal 26 ayat (3) with ayat (2)); PP 53/2010 set
  // no interval for the second.
  if (!at_least) RETURN_IF_ERROR(ExaminationWithin(cmd, notice, limit.day, basis));
  return Deadline{"examination", cmd.examination_on, limit.calendar_version, basis};
}

}  // namespace

absl::StatusOr<Case> ReissueSummons(const MachineContext& ctx, Case c, const ReissueSummonsCommand& cmd) {
  if (c.state != CaseState::kSummoned || c.summonses.empty()) {
    return IllegalIn(c, "ReissueSummons",
                     c.state == CaseState::kReceived
                         ? "the first summons is issued with IssueSummons"
                         : "a summons is reissued only before the examination is recorded (PP 94/2021 Pasal 26; "
                           "ReopenExamination first)");
  }
  if (cmd.irregularity.empty()) {
    return InvalidField("irregularity", "is required: what was late or defective in the earlier summons",
                        "Uraian ketidakberesan surat panggilan sebelumnya wajib diisi.");
  }
  const IssueSummonsCommand& letter = cmd.summons;
  // After a missed first examination: the second summons, which PP 94/2021
  // Pasal 26 ayat (3) wants within 7 working days of the missed date. Issued
  // later, it is irregular: the irregularity is recorded and the letter is
  // lawful otherwise. Else the last summons, not yet attended or missed
  // (or one of a reopened examination), is replaced by a new one.
  const bool late_second = c.summonses.size() == 1 && c.summonses[0].missed;
  const int sequence = late_second ? 2 : c.summonses.back().sequence;
  const Summons& earlier = c.summonses.back();
  if (late_second) {
    RETURN_IF_ERROR(NotBefore(letter.issued_on, earlier.examination_on, "issued_on", "the missed examination"));
  } else {
    RETURN_IF_ERROR(NotBefore(letter.issued_on, earlier.issued_on, "issued_on", "the summons it replaces"));
    if (sequence == 2) {
      RETURN_IF_ERROR(
          NotBefore(letter.issued_on, c.summonses[0].examination_on, "issued_on", "the missed first examination"));
    }
  }
  RETURN_IF_ERROR(NotBefore(letter.issued_on, c.received_on, "issued_on", "the receipt of the report"));
  ASSIGN_OR_RETURN(Deadline examination, ReissuedInterval(ctx, c, sequence, letter));
  ASSIGN_OR_RETURN(Summons s, NewSummons(sequence, letter));
  s.irregularity = cmd.irregularity;
  if (late_second) {
    c.summonses.push_back(std::move(s));
    CloseDeadline(c, "second_summons");
  } else {
    c.summonses.back() = std::move(s);
  }
  CloseDeadline(c, "examination");
  c.open_deadlines.push_back(std::move(examination));
  return c;
}

absl::StatusOr<Case> ReopenExamination(const MachineContext& ctx, Case c, const ReopenExaminationCommand& cmd) {
  (void)ctx;
  if (c.state != CaseState::kExamined) {
    return IllegalIn(c, "ReopenExamination",
                     "only an examination not yet recommended on can be reopened (WithdrawRecommendation first)");
  }
  if (cmd.reason.empty()) {
    return InvalidField("reason", "is required: why the examination is reopened",
                        "Alasan pembukaan kembali pemeriksaan wajib diisi.");
  }
  // PP 94/2021 ≈ Pasal 29 (reference §2, tim pemeriksa): where the level
  // rose to berat the examination is by a team; the reopened examination is recorded anew (the audit event keeps
  // the one removed here). The summonses and their named examiners stay.
  c.examination.reset();
  c.state = CaseState::kSummoned;
  return c;
}

absl::StatusOr<JoinedCases> JoinCases(const MachineContext& ctx, Case target, std::vector<Case> joined,
                                      absl::CivilDay today) {
  (void)ctx;
  if (joined.empty()) return InvalidField("joined_case_ids", "at least one case to join is required");
  auto open = [](CaseState s) {
    return s == CaseState::kReceived || s == CaseState::kSummoned || s == CaseState::kExamined;
  };
  if (!open(target.state)) {
    return IllegalIn(target, "JoinCases",
                     "cases are joined before the recommendation (reference §2.5a: one punishment for several "
                     "violations; WithdrawRecommendation first)");
  }
  std::set<std::string> seen{target.case_id};
  for (size_t i = 0; i < joined.size(); ++i) {
    const Case& j = joined[i];
    const std::string field = absl::StrCat("joined_case_ids[", i, "]");
    if (!seen.insert(j.case_id).second) {
      return InvalidField(field, j.case_id == target.case_id ? "is the target case itself" : "names a case twice");
    }
    // Reference §2.5a, "One violation, one punishment": the violations of ONE
    // employee are punished once, with the heaviest punishment.
    if (j.employee.nip != target.employee.nip) {
      return WithIndonesian(absl::FailedPreconditionError(
                                absl::StrCat(field, ": case ", j.case_id,
                                             " is another employee's; reference §2.5a joins only "
                                             "the cases of one employee (one punishment for several violations)")),
                            "Hanya perkara pegawai yang sama yang dapat digabung.");
    }
    if (j.agency_code != target.agency_code) {
      return WithIndonesian(absl::FailedPreconditionError(
                                absl::StrCat(field, ": case ", j.case_id, " is another agency's (", j.agency_code,
                                             "); one agency's official imposes the one punishment")),
                            "Hanya perkara pada instansi yang sama yang dapat digabung.");
    }
    if (!open(j.state)) {
      return WithIndonesian(absl::FailedPreconditionError(
                                absl::StrCat(field, ": case ", j.case_id, " is ", Name(j.state),
                                             "; only a case before the recommendation is joined (reference §2.5a)")),
                            "Perkara yang sudah direkomendasikan, diputus atau selesai tidak dapat digabung.");
    }
    if (target.state == CaseState::kExamined && j.state != CaseState::kExamined) {
      return WithIndonesian(absl::FailedPreconditionError(absl::StrCat(
                                field, ": case ", j.case_id,
                                " is not examined yet and the target is: join the "
                                "target into it, or ReopenExamination the target first (PP 94/2021 Pasal 27: no "
                                "punishment without an examination)")),
                            "Perkara yang belum diperiksa tidak dapat digabung ke perkara yang sudah diperiksa.");
    }
  }
  // The joined violations become the target's; where both are examined,
  // so do the findings (the recommendation keeps the heaviest, §2.5a).
  for (Case& j : joined) {
    target.allegations.insert(target.allegations.end(), j.allegations.begin(), j.allegations.end());
    if (target.examination.has_value() && j.examination.has_value()) {
      target.examination->findings.insert(target.examination->findings.end(), j.examination->findings.begin(),
                                          j.examination->findings.end());
    }
    // A Bawaslu/BKN recommendation the joined case follows up is followed up
    // by the target now (the PPK's duty and its deadline go with it).
    if (!target.external_recommendation.has_value() && j.external_recommendation.has_value()) {
      target.external_recommendation = std::move(j.external_recommendation);
      target.follow_up = std::move(j.follow_up);
      j.external_recommendation.reset();
      j.follow_up.reset();
      for (const Deadline& d : j.open_deadlines) {
        if (d.what == "ppk_follow_up") target.open_deadlines.push_back(d);
      }
    }
    target.joined_case_ids.push_back(j.case_id);
    j.joined_into = target.case_id;
    j.state = CaseState::kClosed;
    j.close_reason =
        absl::StrCat("Digabung ke perkara ", target.register_number.empty() ? target.case_id : target.register_number,
                     " (satu hukuman untuk beberapa pelanggaran).");
    j.open_deadlines.clear();
    CompleteFollowUp(j, today);
  }
  return JoinedCases{std::move(target), std::move(joined)};
}

Case FollowUpAsRead(Case c, absl::CivilDay today) {
  // The same test as DueEscalation's first step: overdue the day after due_on.
  if (c.follow_up.has_value() && c.follow_up->state == FollowUpState::kPending && today > c.follow_up->due_on) {
    c.follow_up->state = FollowUpState::kOverdue;
  }
  return c;
}

namespace {

bool BeforeDecision(CaseState s) {
  return s == CaseState::kReceived || s == CaseState::kSummoned || s == CaseState::kExamined ||
         s == CaseState::kRecommended;
}

// Whether a berat punishment is likely on what the case knows now: the
// recommendation's level, else the proven findings of the examination, else
// the allegations as filed (the rule RecordExamination applies to its
// temporary_release).
bool BeratLikely(const MachineContext& ctx, const Case& c, absl::CivilDay on) {
  if (c.recommendation.has_value()) return c.recommendation->assessment.level == SanctionLevel::kBerat;
  const bool examined = c.examination.has_value();
  const std::vector<ViolationRecord>& records = examined ? c.examination->findings : c.allegations;
  for (const ViolationRecord& r : records) {
    if (examined && !r.proven) continue;
    ViolationFacts facts = FactsOf(c, r);
    facts.on_date = on;
    auto a = ctx.rules.Assess(facts);
    if (a.ok() && a->level == SanctionLevel::kBerat) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Case> ReleaseFromDuty(const MachineContext& ctx, Case c, const ReleaseFromDutyCommand& cmd) {
  // PP 94/2021 ≈ Pasal 31: "from the start of the examination until the
  // decision".
  if (c.state != CaseState::kSummoned && c.state != CaseState::kExamined && c.state != CaseState::kRecommended) {
    return IllegalIn(c, "ReleaseFromDuty",
                     "PP 94/2021 Pasal 31: a temporary release runs from the examination (summons) until the "
                     "decision");
  }
  if (c.temporary_release.has_value()) {
    return WithIndonesian(absl::FailedPreconditionError("ReleaseFromDuty: the employee is already released (decree " +
                                                        c.temporary_release->decree_number + ")"),
                          "Pegawai telah dibebaskan sementara dari tugas jabatan pada perkara ini.");
  }
  if (cmd.decree_number.empty()) {
    return InvalidField("decree_number", "is required: the keputusan pembebasan sementara",
                        "Nomor keputusan pembebasan sementara wajib diisi.");
  }
  ASSIGN_OR_RETURN(std::string by, NormalizeNip(cmd.released_by_nip, "released_by_nip"));
  ASSIGN_OR_RETURN(std::string acting, NormalizeNip(cmd.acting_official_nip, "acting_official_nip"));
  if (acting == c.employee.nip) {
    return InvalidField("acting_official_nip", "the acting official (Plh) cannot be the released employee");
  }
  if (!c.summonses.empty()) {
    RETURN_IF_ERROR(NotBefore(cmd.decided_on, c.summonses.front().issued_on, "decided_on", "the first summons"));
  }
  // PP 94/2021 ≈ Pasal 31: only where hukuman disiplin berat is likely.
  if (!BeratLikely(ctx, c, cmd.decided_on)) {
    return WithIndonesian(
        absl::FailedPreconditionError("PP 94/2021 Pasal 31: temporary release (pembebasan sementara) is allowed "
                                      "only where hukuman disiplin berat is likely"),
        "Pembebasan sementara hanya dapat dilakukan apabila pegawai diduga melakukan pelanggaran disiplin "
        "yang diancam hukuman disiplin berat.");
  }
  // PP 94/2021 ≈ Pasal 31: the direct superior, or the next higher official.
  bool superior = false;
  for (size_t i = 0; i < cmd.superiors.size() && i < 2; ++i) {
    auto n = NormalizeNip(cmd.superiors[i].nip, "superiors");
    if (n.ok() && *n == by) superior = true;
  }
  if (!superior) {
    return WithIndonesian(
        absl::FailedPreconditionError("PP 94/2021 Pasal 31: released_by_nip must be the employee's direct superior "
                                      "or the next higher official in the personnel data"),
        "Pembebasan sementara ditetapkan oleh atasan langsung atau pejabat yang lebih tinggi.");
  }
  c.temporary_release = TemporaryRelease{cmd.decree_number, cmd.decided_on, by, acting, std::nullopt};
  c.temporarily_released = true;
  return c;
}

// One piece: a switch over the employee's events (death, BUP, resignation,
// transfer, detention), each case a few lines with the rule it applies.
absl::StatusOr<Case> RecordEmployeeEvent(const MachineContext& ctx, Case c, const RecordEmployeeEventCommand& cmd) {
  if (IsFinal(c.state)) {
    return IllegalIn(c, "RecordEmployeeEvent",
                     "an employee event is recorded on an open case (GetDisciplineStatus answers for a closed one)");
  }
  if (cmd.kind == EmployeeEventKind::kUnspecified) {
    return InvalidField("event", "is required (died, reached BUP, resignation requested, transferred, detained)");
  }
  RETURN_IF_ERROR(NotBefore(cmd.occurred_on, c.received_on, "occurred_on", "the receipt of the case"));
  const LegalSettings& law = ctx.rules.settings();
  const bool before_decision = BeforeDecision(c.state);
  EmployeeEvent e{cmd.kind, cmd.occurred_on, cmd.document_id, cmd.note, EmployeeEventConsequence::kRecorded,
                  "",       c.state};
  auto terminate = [&](TerminationReason why, absl::string_view text) {
    c.termination_reason = why;
    c.close_reason = std::string(text);
    c.pending_action.reset();
    CompleteFollowUp(c, cmd.occurred_on);
    EndRelease(c, cmd.occurred_on);
    c.open_deadlines.clear();
    c.state = CaseState::kTerminated;
    e.consequence = EmployeeEventConsequence::kCaseTerminated;
  };
  switch (cmd.kind) {
    case EmployeeEventKind::kDied:
      // Reference §2.5a: PP 53/2010 Pasal 40 practice, death before the
      // (remedy) decision ends the case; the employee is not punished.
      e.legal_basis =
          "PP 53/2010 Pasal 40 (praktik; Peraturan BKN 6/2022 hapusnya kewajiban menjalani hukuman "
          "disiplin)";
      if (before_decision) {
        terminate(TerminationReason::kDied, "Pegawai meninggal dunia sebelum keputusan hukuman disiplin.");
      } else if (law.death_after_decision_closes_case) {
        c.close_reason = "Pegawai meninggal dunia; kewajiban menjalani hukuman disiplin hapus.";
        c.pending_action.reset();
        CompleteFollowUp(c, cmd.occurred_on);
        c.open_deadlines.clear();
        c.state = CaseState::kClosed;
        e.consequence = EmployeeEventConsequence::kCaseClosedPunishmentLapsed;
      }
      break;
    case EmployeeEventKind::kReachedBup:
      // Reference §2.5/2.5a: PP 53/2010 practice, a PNS reaching BUP under
      // examination keeps his salary until the decision (the case goes on);
      // configurable.
      e.legal_basis = "PP 53/2010 Pasal 40 (praktik)";
      if (before_decision && law.bup_before_decision_terminates) {
        terminate(TerminationReason::kReachedBup, "Pegawai mencapai batas usia pensiun sebelum keputusan.");
      }
      break;
    case EmployeeEventKind::kResignationRequested:
      // PP 11/2017 Pasal 238 ayat (3) as amended by PP 17/2020: refused while
      // under examination, appealing a dismissal, or serving a punishment.
      if (c.state != CaseState::kReceived) {
        e.consequence = EmployeeEventConsequence::kResignationRefused;
        e.legal_basis = "PP 11/2017 Pasal 238 ayat (3) sebagaimana diubah dengan PP 17/2020";
      }
      break;
    case EmployeeEventKind::kTransferred:
      // The case stays with the agency that filed it, on its snapshot (a
      // choice of the API contract; the reference cites no article).
      break;
    case EmployeeEventKind::kDetained:
      break;
    default:
      return InvalidField("event", "is not a known employee event");
  }
  c.employee_events.push_back(std::move(e));
  return c;
}

}  // namespace discipline::domain
