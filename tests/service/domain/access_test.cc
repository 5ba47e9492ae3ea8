// unit: the authorization policy (service/domain/access.h) on the cases the
// matrix of the e2e test cannot reach with the demo data: the President's
// decree recorded by the PPK's office, a JPT madya's demotion by the PPK,
// the policy narrowed to named examiners, the system caller.

#include "service/domain/access.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::domain {
namespace {

using ::discipline::testing::StatusIs;

Caller As(Role role, const std::string& nip = "", const std::string& agency = "PROV-CONTOH") {
  Caller c;
  c.nip = nip;
  c.agency_code = agency;
  c.roles = {role};
  return c;
}

// The demo's provincial secretary recommended berat: demotion and release
// are the governor's (PPK), PDHTAPS the President's on the PPK's proposal.
Case JptMadyaRecommended() {
  Case c;
  c.case_id = "c1";
  c.agency_code = "PROV-CONTOH";
  Recommendation r;
  r.authority = {AuthorityRole::kPpk, "", "Dr. H. Syamsul Bahri", "Gubernur Contoh"};
  r.officials = {
      {Punishment::kPenurunanJabatan, r.authority, {}},
      {Punishment::kPembebasanJabatan, r.authority, {}},
      {Punishment::kPdhtaps, {AuthorityRole::kPresiden, "", "Presiden Republik Indonesia", "Presiden"}, r.authority}};
  c.recommendation = r;
  return c;
}

TEST(Access, ThePpksOfficeDecidesForThePpkAndRecordsThePresidentsDecree) {
  const Case c = JptMadyaRecommended();
  for (Punishment p : {Punishment::kPenurunanJabatan, Punishment::kPdhtaps}) {
    const CaseScope s = ScopeOf(c, p);
    EXPECT_TRUE(Authorize(As(Role::kPpk), Action::kDecideSanction, &s, DefaultPolicy()).ok()) << Name(p);
    // Not the PPK's office of another agency, and not an official by role.
    EXPECT_THAT(Authorize(As(Role::kPpk, "", "KOTA-CONTOH"), Action::kDecideSanction, &s, DefaultPolicy()),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(Authorize(As(Role::kOfficial, "197111201996032002"), Action::kDecideSanction, &s, DefaultPolicy()),
                StatusIs(absl::StatusCode::kPermissionDenied));
  }
}

TEST(Access, AnOfficialDecidesOnlyThePunishmentThatIsTheirs) {
  Case c;
  c.case_id = "c2";
  c.agency_code = "KOTA-CONTOH";
  Recommendation r;
  const Official pengawas{AuthorityRole::kPengawas, "198009092005012002", "Rina Marlina", "Kasubbag"};
  r.authority = pengawas;
  r.officials = {{Punishment::kTeguranLisan, pengawas, {}}};
  c.recommendation = r;
  const CaseScope s = ScopeOf(c, Punishment::kTeguranLisan);
  EXPECT_TRUE(
      Authorize(As(Role::kOfficial, "198009092005012002", "KOTA-CONTOH"), Action::kDecideSanction, &s, DefaultPolicy())
          .ok());
  EXPECT_THAT(
      Authorize(As(Role::kOfficial, "197511032000032001", "KOTA-CONTOH"), Action::kDecideSanction, &s, DefaultPolicy()),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Authorize(As(Role::kPpk, "", "KOTA-CONTOH"), Action::kDecideSanction, &s, DefaultPolicy()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// PP 94/2021 Pasal 18-25: the SK is signed (BSrE) by the official of the
// punishment imposed, or by the PPK's office where the PPK decides; nobody
// else, whatever their role.
TEST(Access, OnlyTheDecidingOfficialOrThePpksOfficeSignsTheSk) {
  Case c;
  c.case_id = "c3";
  c.agency_code = "KOTA-CONTOH";
  Recommendation r;
  const Official pengawas{AuthorityRole::kPengawas, "198009092005012002", "Rina Marlina", "Kasubbag"};
  r.authority = pengawas;
  r.officials = {{Punishment::kTeguranLisan, pengawas, {}}};
  c.recommendation = r;
  const CaseScope s = ScopeOf(c, Punishment::kTeguranLisan);
  EXPECT_TRUE(
      Authorize(As(Role::kOfficial, "198009092005012002", "KOTA-CONTOH"), Action::kSignDocument, &s, DefaultPolicy())
          .ok());
  EXPECT_THAT(
      Authorize(As(Role::kOfficial, "197511032000032001", "KOTA-CONTOH"), Action::kSignDocument, &s, DefaultPolicy()),
      StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Authorize(As(Role::kPpk, "", "KOTA-CONTOH"), Action::kSignDocument, &s, DefaultPolicy()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  for (Role role : {Role::kOperator, Role::kExaminer, Role::kIntake, Role::kAuditor, Role::kSupervisor}) {
    EXPECT_THAT(Authorize(As(role, "198009092005012002", "KOTA-CONTOH"), Action::kSignDocument, &s, DefaultPolicy()),
                StatusIs(absl::StatusCode::kPermissionDenied))
        << Name(role);
  }
  const Case jpt = JptMadyaRecommended();
  for (Punishment p : {Punishment::kPenurunanJabatan, Punishment::kPdhtaps}) {
    const CaseScope ppk = ScopeOf(jpt, p);
    EXPECT_TRUE(Authorize(As(Role::kPpk), Action::kSignDocument, &ppk, DefaultPolicy()).ok()) << Name(p);
    EXPECT_THAT(Authorize(As(Role::kPpk, "", "KOTA-CONTOH"), Action::kSignDocument, &ppk, DefaultPolicy()),
                StatusIs(absl::StatusCode::kNotFound));
  }
  EXPECT_EQ(Name(Action::kSignDocument), "SignDocument");
}

TEST(Access, NarrowedPolicyHidesCasesThatDoNotNameTheExaminer) {
  Policy narrow = DefaultPolicy();
  narrow.narrow_to_named = true;
  CaseScope s;
  s.case_id = "c3";
  s.agency_code = "PROV-CONTOH";
  s.examiners = {"197111201996032002"};
  EXPECT_TRUE(Authorize(As(Role::kExaminer, "197111201996032002"), Action::kGetCase, &s, narrow).ok());
  EXPECT_THAT(Authorize(As(Role::kExaminer, "196808151993031001"), Action::kGetCase, &s, narrow),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(Authorize(As(Role::kExaminer, "196808151993031001"), Action::kGetCase, &s, DefaultPolicy()).ok());
  // The operator is not narrowed.
  EXPECT_TRUE(Authorize(As(Role::kOperator, "196808151993031001"), Action::kGetCase, &s, narrow).ok());
}

TEST(Access, TheSystemCallerIsTheServersOwnWork) {
  CaseScope s;
  s.agency_code = "KOTA-CONTOH";
  EXPECT_TRUE(Authorize(SystemCaller(), Action::kCloseCase, &s, DefaultPolicy()).ok());
  EXPECT_EQ(SystemCaller().Actor(), "system");
}

TEST(Access, TheActorNamesTheCaller) {
  Caller c = As(Role::kOperator, "199208222019032003", "KOTA-CONTOH");
  c.name = "Dewi Lestari";
  c.session = "jti-9";
  EXPECT_EQ(c.Actor(), "199208222019032003 (Dewi Lestari; KOTA-CONTOH; operator; session jti-9)");
  EXPECT_EQ(As(Role::kPpk, "", "KOTA-CONTOH").Actor(), "ppk:KOTA-CONTOH (KOTA-CONTOH; ppk)");
}

TEST(Filing, TheSupervisorFilesOnlyRecommendationsButIntoAnyAgency) {
  const Caller bkn = As(Role::kSupervisor, "197001011995031001", "BKN");
  EXPECT_TRUE(AuthorizeFiling(bkn, DefaultPolicy(), "KOTA-CONTOH", true).ok());
  EXPECT_THAT(AuthorizeFiling(bkn, DefaultPolicy(), "KOTA-CONTOH", false),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(AuthorizeFiling(bkn, DefaultPolicy(), "BKN", false), StatusIs(absl::StatusCode::kPermissionDenied));
  // The agency's own operator files anything there, and nothing elsewhere.
  const Caller op = As(Role::kOperator, "199208222019032003", "KOTA-CONTOH");
  EXPECT_TRUE(AuthorizeFiling(op, DefaultPolicy(), "KOTA-CONTOH", false).ok());
  EXPECT_THAT(AuthorizeFiling(op, DefaultPolicy(), "PROV-CONTOH", true), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_TRUE(SeesEveryAgency(bkn, Action::kReports, DefaultPolicy()));
  EXPECT_FALSE(SeesEveryAgency(op, Action::kReports, DefaultPolicy()));
}

}  // namespace
}  // namespace discipline::domain

namespace discipline::domain {
namespace {

// A summoned case whose summons names `named` as its examiner.
Case SummonedNaming(const std::string& named) {
  Case c;
  c.case_id = "c3";
  c.agency_code = "KOTA-CONTOH";
  c.state = CaseState::kSummoned;
  Summons s;
  s.sequence = 1;
  if (!named.empty()) s.examiner_nips = {named};
  c.summonses.push_back(s);
  return c;
}

// api.md "Safe edges": examiners are named before they act. An examiner the
// summons does not name may not record the examination, even naming himself
// in the request; the named one may; an operator still records.
TEST(Access, OnlyAnExaminerNamedByTheSummonsRecordsTheExamination) {
  const CaseScope s = ScopeOf(SummonedNaming("197802142003121003"));
  const Caller named = As(Role::kExaminer, "197802142003121003", "KOTA-CONTOH");
  const Caller other = As(Role::kExaminer, "197111201996032002", "KOTA-CONTOH");
  EXPECT_TRUE(Authorize(named, Action::kRecordExamination, &s, DefaultPolicy(), {}, {"197802142003121003"}).ok());
  EXPECT_THAT(Authorize(other, Action::kRecordExamination, &s, DefaultPolicy(), {}, {"197111201996032002"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Authorize(other, Action::kRecordExamination, &s, DefaultPolicy(), {},
                        {"197802142003121003", "197111201996032002"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // The named examiner adds a team member; he still signs the record.
  EXPECT_TRUE(Authorize(named, Action::kRecordExamination, &s, DefaultPolicy(), {},
                        {"197802142003121003", "197111201996032002"})
                  .ok());
  EXPECT_THAT(Authorize(named, Action::kRecordExamination, &s, DefaultPolicy(), {}, {"197111201996032002"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_TRUE(Authorize(As(Role::kOperator, "199208222019032003", "KOTA-CONTOH"), Action::kRecordExamination, &s,
                        DefaultPolicy(), {}, {"197111201996032002"})
                  .ok());
  // A summons that names nobody: only operators record.
  const CaseScope none = ScopeOf(SummonedNaming(""));
  EXPECT_THAT(Authorize(named, Action::kRecordExamination, &none, DefaultPolicy(), {}, {"197802142003121003"}),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

// narrow_to_named holds for each case of a listing as for a read.
TEST(Access, NarrowedPolicyListsOnlyTheCasesThatNameTheExaminer) {
  Policy narrow = DefaultPolicy();
  narrow.narrow_to_named = true;
  const CaseScope s = ScopeOf(SummonedNaming("197802142003121003"));
  EXPECT_TRUE(Authorize(As(Role::kExaminer, "197802142003121003", "KOTA-CONTOH"), Action::kListCases, &s, narrow).ok());
  EXPECT_THAT(Authorize(As(Role::kExaminer, "197111201996032002", "KOTA-CONTOH"), Action::kListCases, &s, narrow),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_TRUE(Authorize(As(Role::kOperator, "199208222019032003", "KOTA-CONTOH"), Action::kListCases, &s, narrow).ok());
}

TEST(Access, AMemberOfTheTeamTheSummonsNamesRecordsTheExamination) {
  Case c = SummonedNaming("");
  c.summonses[0].examination_team_nips = {"197111201996032002"};
  c.summonses[0].examination_team_decree_number = "800/TIM/1/2026";
  const CaseScope s = ScopeOf(c);
  EXPECT_TRUE(Authorize(As(Role::kExaminer, "197111201996032002", "KOTA-CONTOH"), Action::kRecordExamination, &s,
                        DefaultPolicy(), {}, {"197111201996032002"})
                  .ok());
}

}  // namespace
}  // namespace discipline::domain
