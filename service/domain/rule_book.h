#ifndef DISCIPLINE_SERVICE_DOMAIN_RULE_BOOK_H_
#define DISCIPLINE_SERVICE_DOMAIN_RULE_BOOK_H_

// The rules table as plain values: what service/config reads from
// service/domain/rules/rules.textproto (or an operator's replacement) and
// what RulesEngine evaluates. Every row carries the article it follows in
// `basis`. ValidateRuleBook() rejects a table with gaps before it is used.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "service/domain/law_types.h"
#include "service/domain/personnel.h"

namespace discipline::domain {

struct ImpactCell {
  Impact impact = Impact::kUnspecified;
  SanctionLevel level = SanctionLevel::kUnspecified;
  std::string basis;
};

struct PositionCell {
  std::vector<PositionKind> position_kinds;
  SanctionLevel level = SanctionLevel::kUnspecified;
  std::string basis;
};

struct ProvisionRule {
  // kEthics: no disciplinary level can be cited; a proven finding goes to the
  // ethics track (PP 42/2004) with `ethics_basis`.
  enum class Kind { kByImpact, kFixed, kByPosition, kAttendance, kEthics };
  std::string id;       // "PP94.4.f"
  std::string article;  // "PP 94/2021 Pasal 4 huruf f"
  std::string summary;  // Bahasa Indonesia
  Kind kind = Kind::kFixed;
  std::vector<ImpactCell> by_impact;                        // kByImpact
  SanctionLevel fixed_level = SanctionLevel::kUnspecified;  // kFixed
  std::string fixed_basis;                                  // kFixed
  std::vector<PositionCell> by_position;                    // kByPosition
  std::string ethics_basis;                                 // kEthics
};

// A sedang type imposed in place of a tukin cut of PP 94/2021 Pasal 8 ayat
// (3) while that cut waits for the regulation on PNS pay (KMK
// 5/KMK.01/2022).
struct SedangSubstitution {
  Punishment tukin_cut = Punishment::kUnspecified;
  Punishment substitute = Punishment::kUnspecified;
};

// What the law changes for one employee type.
struct EmployeeTypeRule {
  EmployeeType employee_type = EmployeeType::kUnspecified;
  std::vector<Punishment> excluded;  // never offered to this type
  std::string basis;
  std::string gap;  // named when a level has no type left
  std::vector<SanctionLevel> consequence_levels;
  std::string consequence;  // Bahasa Indonesia, with its basis
};

struct AttendanceBand {
  int min_days = 0;
  int max_days = 0;  // 0: no upper bound
  Punishment punishment = Punishment::kUnspecified;
  std::string basis;
};

struct ConsecutiveAbsenceRule {
  int days = 0;
  Punishment punishment = Punishment::kUnspecified;
  std::string basis;
};

struct LevelRule {
  SanctionLevel level = SanctionLevel::kUnspecified;
  std::vector<Punishment> punishments;  // lightest first
  std::string basis;
  ExaminationTeam examination_team = ExaminationTeam::kUnspecified;
  bool temporary_release_allowed = false;
  std::string procedure_basis;
};

struct NeutralityOutcome {
  Track track = Track::kUnspecified;
  std::string provision_id;  // for Track::kDiscipline
  std::string basis;
};

struct NeutralityForm {
  std::string id;  // "SKB2022.1"
  std::string summary;
  std::string article;
  NeutralityOutcome bakal_calon;
  NeutralityOutcome calon;
};

// One row of the authority table; empty lists match every value.
struct AuthorityRule {
  std::vector<PositionKind> position_kinds;
  std::vector<Environment> environments;
  std::vector<AuthorityBand> bands;
  bool employee_is_ppk = false;
  AuthorityRole role = AuthorityRole::kUnspecified;
  std::string note;
  std::string basis;
  // Set where `role` decides on another official's proposal (the President
  // imposes PDHTAPS on a JPT madya on the PPK's proposal).
  AuthorityRole proposed_by = AuthorityRole::kUnspecified;
};

struct RuleBook {
  std::string version;
  std::vector<ProvisionRule> provisions;
  std::vector<AttendanceBand> attendance_bands;
  ConsecutiveAbsenceRule consecutive_absence;
  std::vector<LevelRule> levels;
  std::vector<NeutralityForm> neutrality_forms;
  std::vector<AuthorityRule> authority;
  std::string repeat_offence_basis;
  std::string banding_basis;
  std::string keberatan_basis;
  // From this day the tukin cut itself is imposed; unset: each cut is
  // replaced by its substitute.
  std::optional<absl::CivilDay> tukin_cut_from;
  std::vector<SedangSubstitution> sedang_substitutions;
  std::string sedang_substitution_basis;
  std::vector<EmployeeTypeRule> employee_types;
};

// How the date of the examination relates to the summons letter.
enum class SummonsInterval {
  // PP 94/2021 Pasal 26 ayat (2)-(3): "paling lambat 7 (tujuh) hari kerja"
  // between the letter and the examination: at most N working days after.
  kExaminationWithin = 1,
  // PP 53/2010 (and the PP 42/2004 ethics procedure): the letter at least N
  // working days before the first examination.
  kNoticeAtLeast = 2,
};

// The points of law the reference marks unverified, as named settings. The
// defaults are the most likely reading; README lists each with its source.
struct LegalSettings {
  // PP 79/2021 does not list ringan among the exclusions in the copies read;
  // PP 53/2010 excluded it. Default: keberatan is open.
  Remedy remedy_against_ringan = Remedy::kKeberatan;
  // Decisions of the President go straight to the administrative court.
  Remedy remedy_against_president = Remedy::kNone;
  // PP 94/2021 Pasal 26 ayat (2) and (3) (reference §2.5a): the
  // examination falls on or before the `summons_notice_working_days`th
  // working day after the letter, for the first and the second summons.
  // kNoticeAtLeast is PP 53/2010's reading (at least that many working days'
  // notice before the first examination), kept as configuration.
  SummonsInterval summons_interval = SummonsInterval::kExaminationWithin;
  int summons_notice_working_days = 7;
  // PP 94/2021 Pasal 26 ayat (3).
  int second_summons_max_working_days = 7;
  // PP 94/2021 Pasal 37 ayat (3): "paling lambat 14 (empat belas) hari sejak
  // keputusan ditetapkan" (reference §2.5a): calendar days by default; one
  // data set reads working days (true).
  int delivery_max_working_days = 14;
  bool delivery_counts_working_days = false;
  // Peraturan BKN 6/2022 Pasal 50 ayat (1).
  int effective_after_days = 15;
  bool effective_counts_working_days = true;
  // PP 79/2021: keberatan or banding is filed within this many working days
  // of receiving the decision (14 or 15 in the summaries read).
  int remedy_window_working_days = 14;
  // PP 79/2021: the superior decides a keberatan, BPASN a banding, within
  // these many working days of the filing. Unverified: the regulation's
  // figures were not read; configuration (README, unverified points).
  int keberatan_decision_working_days = 21;
  int banding_decision_working_days = 21;
  // Not law: a summons sets an examination at most this many calendar days
  // after it is issued (a sanity bound against mistyped years).
  int summons_max_lead_days = 90;
  // The 2022 joint decree on ASN neutrality: the PPK follows up a Bawaslu or
  // BKN recommendation within this many working days of receiving it.
  // Unverified: the decree's figure was not read; the Home Affairs ministry
  // stated "10 days" in 2020 (reference §3, step 4). Configuration.
  int ppk_follow_up_working_days = 10;
  // After the follow-up period, this many more working days before BKN is
  // asked to block the employee's personnel services (Peraturan BKN 1/2023).
  // Not a figure of law: the agency's choice (configuration).
  int blocking_grace_working_days = 5;
  // PP 42/2004 as applied by agency guidance (reference §3): the ethics
  // council's summons reaches the employee at least this many working days
  // before its hearing; the second follows this many working days later.
  int ethics_summons_notice_working_days = 7;
  // The employee's discipline status (GetDisciplineStatus): whether a transfer
  // (mutasi) is refused while the employee is under examination or serving a
  // punishment, and on what basis. Peraturan BKN 5/2019 (tata cara
  // pelaksanaan mutasi) asks the origin agency for a statement that the PNS
  // "tidak sedang dalam proses atau menjalani hukuman disiplin"; the article
  // (Pasal 3) is from a secondary summary, unverified. Configuration.
  bool restrict_transfer = true;
  std::string transfer_restriction_basis = "Peraturan BKN 5/2019 Pasal 3 [unverified]";
  // Reference §2.5a, "Retirement or death during the case" (PP 53/2010
  // Pasal 40 practice; PP 94's own rule, Peraturan BKN 6/2022 "hapusnya
  // kewajiban menjalani hukuman disiplin", unread): whether the employee's
  // death after the decision (or under a remedy) closes the case with the
  // punishment lapsed (default true: PP 53/2010 Pasal 40, death before the
  // remedy decision ends the case), or is only recorded.
  bool death_after_decision_closes_case = true;
  // Whether reaching the retirement age (BUP) before the decision
  // terminates the case. Default false: the case goes on to a decision
  // (PP 53/2010 practice, reference §2.5: a PNS reaching BUP under
  // examination for a likely PDHTAPS keeps his salary until the decision).
  bool bup_before_decision_terminates = false;
};

// Returns OK, or FAILED_PRECONDITION naming the first gap or contradiction
// found: a provision missing from the catalogue, an attendance range with a
// gap or overlap, an authority cell no row fills, a level that does not
// partition the punishments, a substitution that is not sedang for sedang of
// the same severity.
absl::Status ValidateRuleBook(const RuleBook& book);

// The provision ids PP 94/2021 defines: Pasal 3 a-h, Pasal 4 a-i, Pasal 5
// a-m and n.1-n.7. The catalogue must hold each.
std::vector<std::string> RequiredProvisionIds();

}  // namespace discipline::domain

#endif  // DISCIPLINE_SERVICE_DOMAIN_RULE_BOOK_H_
