#include "service/app/letter_use_cases.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "service/common/errors.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::app {
namespace {

using domain::Case;
using domain::LetterKind;

// asn.discipline.v1.DocumentKind numbers of the stored letters.
constexpr int kDocumentKindBap = 3;
constexpr int kDocumentKindSuratPanggilan = 4;
constexpr int kDocumentKindSkHukuman = 5;
constexpr int kDocumentKindLainnya = 6;

int DocumentKindOf(LetterKind k) {
  switch (k) {
    case LetterKind::kSuratPanggilan:
    case LetterKind::kPanggilanMenerimaKeputusan:
      return kDocumentKindSuratPanggilan;
    case LetterKind::kBap:
      return kDocumentKindBap;
    case LetterKind::kSkHukumanDisiplin:
      return kDocumentKindSkHukuman;
    default:
      return kDocumentKindLainnya;
  }
}

// A JSON string literal (a writer, not a parser: the payload is read back
// by protobuf's JSON parser at the gRPC edge).
std::string Quoted(absl::string_view s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(ch));
    } else if (ch < 0x20) {
      absl::StrAppend(&out, absl::StrFormat("\\u%04x", ch));
    } else {
      out.push_back(static_cast<char>(ch));
    }
  }
  out.push_back('"');
  return out;
}

std::string Upper(absl::string_view s) { return absl::AsciiStrToUpper(s); }

// The provision the case punishes: the recommendation's resolved one, else
// the first proven finding, else the first allegation.
std::string ProvisionOf(const Case& c) {
  if (c.recommendation.has_value() && !c.recommendation->assessment.resolved_provision_id.empty()) {
    return c.recommendation->assessment.resolved_provision_id;
  }
  if (c.examination.has_value()) {
    for (const auto& f : c.examination->findings) {
      if (f.proven) return f.provision_id;
    }
  }
  return c.allegations.empty() ? "" : c.allegations.front().provision_id;
}

// PP 79/2021 (upaya administratif) and PP 94/2021 Pasal 8: a dismissal as
// PNS is open to banding to BPASN, the others to keberatan.
std::string RemedyText(domain::Remedy r) {
  switch (r) {
    case domain::Remedy::kKeberatan:
      return "Terhadap keputusan ini yang bersangkutan dapat mengajukan upaya administratif berupa keberatan "
             "kepada atasan Pejabat yang Berwenang Menghukum sesuai dengan Peraturan Pemerintah Nomor 79 Tahun 2021 "
             "tentang Upaya Administratif dan Badan Pertimbangan Aparatur Sipil Negara.";
    case domain::Remedy::kBandingAdministratif:
      return "Terhadap keputusan ini yang bersangkutan dapat mengajukan upaya administratif berupa banding "
             "administratif kepada Badan Pertimbangan Aparatur Sipil Negara sesuai dengan Peraturan Pemerintah "
             "Nomor 79 Tahun 2021 tentang Upaya Administratif dan Badan Pertimbangan Aparatur Sipil Negara.";
    default:
      return "Terhadap keputusan ini tidak dapat diajukan upaya administratif.";
  }
}

void Employee(const Case& c, ports::LetterValues& v) {
  v.text["employee_name"] = c.employee.name;
  v.text["employee_nip"] = c.employee.nip;
  v.text["employee_rank"] = c.employee.rank.empty() ? "-" : c.employee.rank;
  v.text["employee_position"] = c.employee.position_title.empty() ? "-" : c.employee.position_title;
  v.text["employee_unit"] = c.employee.unit_name.empty() ? c.employee.unit_code : c.employee.unit_name;
}

void Violation(const Case& c, const domain::RulesEngine& rules, ports::LetterValues& v) {
  const std::string id = ProvisionOf(c);
  v.text["violation_summary"] = id;
  v.text["violation_article"] = id;
  for (const auto& p : rules.ListProvisions()) {
    if (p.id != id) continue;
    v.text["violation_summary"] = p.summary;
    v.text["violation_article"] = p.article;
  }
}

// The SK's values (discipline-law.md 2.5a, "Official letters").
absl::Status SkValues(const Case& c, const domain::RulesEngine& rules, ports::LetterValues& v) {
  if (!c.decision.has_value() || c.decision->punishment == domain::Punishment::kUnspecified) {
    return absl::FailedPreconditionError("kind: the case has no decision imposing a punishment");
  }
  const domain::Decision& d = *c.decision;
  const std::optional<domain::Punishment> p = d.punishment;
  Employee(c, v);
  Violation(c, rules, v);
  v.text["punishment"] = std::string(domain::PunishmentInWords(*p));
  v.text["punishment_upper"] = Upper(domain::PunishmentInWords(*p));
  // PP 94/2021 Pasal 8: the level of the punishment.
  const std::string level = absl::AsciiStrToLower(domain::Name(rules.LevelOf(*p)));
  v.text["level"] = level;
  v.text["level_upper"] = Upper(level);
  const std::string title = d.decided_by.title.empty() ? "Pejabat yang Berwenang Menghukum" : d.decided_by.title;
  v.text["official_title"] = title;
  v.text["official_title_upper"] = Upper(title);
  v.text["official_name"] = d.decided_by.name;
  if (!d.decided_by.nip.empty()) v.lists["official_nip"] = {d.decided_by.nip};
  v.text["decided_on"] = domain::LetterDateText(d.decided_on);
  v.text["remedy_text"] = RemedyText(d.remedy);
  // Reference §2.5a ("Remedy and the effective date"): in force once
  // delivered, unless a remedy filed in time suspends it.
  v.text["effect_text"] = d.remedy == domain::Remedy::kNone
                              ? "pada tanggal ditetapkan"
                              : "pada tanggal diterima oleh yang bersangkutan, kecuali diajukan upaya administratif";
  v.lists["tembusan"] = {"1. Kepala Badan Kepegawaian Negara;", "2. Atasan langsung yang bersangkutan;",
                         "3. Pejabat yang membidangi kepegawaian;", "4. Yang bersangkutan."};
  return absl::OkStatus();
}

// The summons' values: the last summons of the case (PP 94/2021 Pasal 26).
absl::Status SummonsValues(const Case& c, ports::LetterValues& v) {
  if (c.summonses.empty()) return absl::FailedPreconditionError("kind: the case has no summons yet (IssueSummons)");
  const domain::Summons& s = c.summonses.back();
  Employee(c, v);
  v.text["sequence"] = s.sequence == 2 ? "II" : "I";
  v.text["issued_on"] = domain::LetterDateText(s.issued_on);
  v.text["examination_day"] = std::string(domain::LetterWeekday(s.examination_on));
  v.text["examination_on"] = domain::LetterDateText(s.examination_on);
  int hour = 0, minute = 0;
  if (s.examination_time.size() == 5 && absl::SimpleAtoi(s.examination_time.substr(0, 2), &hour) &&
      absl::SimpleAtoi(s.examination_time.substr(3, 2), &minute)) {
    v.lists["examination_time"] = {domain::LetterTimeText(hour, minute, c.agency_time_zone)};
  }
  if (!s.examination_place.empty()) v.lists["examination_place"] = {s.examination_place};
  if (!s.signatory_nip.empty()) v.lists["signatory_nip"] = {s.signatory_nip};
  std::vector<std::string> examiners = s.examiner_nips;
  examiners.insert(examiners.end(), s.examination_team_nips.begin(), s.examination_team_nips.end());
  v.lists["examiners"] = examiners;
  if (!s.examination_team_decree_number.empty()) v.lists["team_decree"] = {s.examination_team_decree_number};
  v.text["allegation"] = c.allegations.empty() ? "" : c.allegations.front().description;
  v.lists["tembusan"] = {"1. Pejabat yang Berwenang Menghukum;", "2. Yang bersangkutan."};
  return absl::OkStatus();
}

// The letter as the API's Letter message in JSON (proto3 JSON names).
std::string LetterJson(const RenderedLetter& l, absl::string_view signed_at = "",
                       absl::string_view unsigned_letter_id = "") {
  std::string out = absl::StrCat(
      "{\"letterId\":", Quoted(l.letter_id), ",\"kind\":", static_cast<int>(l.kind),
      ",\"document\":{\"documentId\":", Quoted(l.document.document_id), ",\"sha256\":", Quoted(l.document.sha256),
      ",\"sizeBytes\":\"", l.document.size_bytes, "\"},\"number\":", Quoted(l.number),
      ",\"renderedAt\":", Quoted(absl::FormatTime(absl::RFC3339_sec, l.rendered_at, absl::UTCTimeZone())),
      ",\"templateVersion\":", Quoted(l.template_version));
  if (!signed_at.empty()) absl::StrAppend(&out, ",\"signedAt\":", Quoted(signed_at));
  if (!unsigned_letter_id.empty()) absl::StrAppend(&out, ",\"unsignedLetterId\":", Quoted(unsigned_letter_id));
  out.push_back('}');
  return out;
}

// The value of `"key":"..."` in a payload LetterJson wrote, for a value that
// holds no quote or backslash (ids, versions, times); "" when absent. Not a
// JSON reader: the gRPC edge reads letters with protobuf's JSON parser.
std::string WrittenValue(absl::string_view payload, absl::string_view key) {
  const std::string needle = absl::StrCat("\"", key, "\":\"");
  const size_t at = payload.find(needle);
  if (at == absl::string_view::npos) return "";
  const size_t begin = at + needle.size();
  const size_t end = payload.find('"', begin);
  if (end == absl::string_view::npos) return "";
  const absl::string_view value = payload.substr(begin, end - begin);
  if (absl::StrContains(value, "\\")) return "";
  return std::string(value);
}

bool IsServiceId(absl::string_view s) {
  return !s.empty() && s.size() <= 80 && std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.' || ch == ':';
  });
}

// The printed name of an official named by NIP: SIMPEG's name and NIP, or
// the NIP alone.
std::string PersonText(const LetterContext& ctx, const std::string& nip) {
  auto it = ctx.people.find(nip);
  if (it == ctx.people.end() || it->second.name.empty()) return absl::StrCat("NIP ", nip);
  return absl::StrCat(it->second.name, ", NIP ", nip);
}
std::string NameOf(const LetterContext& ctx, const std::string& nip) {
  auto it = ctx.people.find(nip);
  return it == ctx.people.end() || it->second.name.empty() ? "" : it->second.name;
}
std::string PostOf(const LetterContext& ctx, const std::string& nip) {
  auto it = ctx.people.find(nip);
  return it == ctx.people.end() || it->second.position_title.empty() ? "-" : it->second.position_title;
}

void AddUnique(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const auto& x : from) {
    if (!x.empty() && std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
  }
}

// "Masuk kerja ... sebagaimana dimaksud dalam PP 94/2021 Pasal 4 huruf f".
std::string ProvisionText(const domain::RulesEngine& rules, const std::string& id) {
  for (const auto& p : rules.ListProvisions()) {
    if (p.id == id) return absl::StrCat("“", p.summary, "” sebagaimana dimaksud dalam ", p.article);
  }
  return id;
}

// "a.", "b.", ... (a list's letters as Indonesian texts number sub-items).
std::string Letter(size_t i) { return i < 26 ? std::string(1, static_cast<char>('a' + i)) + "." : "-"; }

// The examination's findings, each with whether it was proven.
std::vector<std::string> Findings(const Case& c, const domain::RulesEngine& rules) {
  std::vector<std::string> out;
  if (!c.examination.has_value()) return out;
  for (size_t i = 0; i < c.examination->findings.size(); ++i) {
    const auto& f = c.examination->findings[i];
    out.push_back(absl::StrCat(Letter(i), "\t", ProvisionText(rules, f.provision_id),
                               f.description.empty() ? "" : absl::StrCat(" (", f.description, ")"), ": ",
                               f.proven ? "terbukti" : "tidak terbukti", ";"));
  }
  return out;
}

std::vector<std::string> Allegations(const Case& c, const domain::RulesEngine& rules) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.allegations.size(); ++i) {
    const auto& a = c.allegations[i];
    out.push_back(absl::StrCat(Letter(i), "\t", ProvisionText(rules, a.provision_id),
                               a.description.empty() ? "" : absl::StrCat(" (", a.description, ")"), ";"));
  }
  return out;
}

// The examiners of the examination (or of the summonses before it).
std::vector<std::string> ExaminerNips(const Case& c) {
  std::vector<std::string> nips;
  if (c.examination.has_value()) {
    AddUnique(nips, c.examination->examiner_nips);
  }
  for (const auto& s : c.summonses) {
    AddUnique(nips, s.examiner_nips);
    AddUnique(nips, s.examination_team_nips);
  }
  return nips;
}

std::vector<std::string> TeamNips(const Case& c) {
  std::vector<std::string> nips = c.examination_team_nips;
  for (const auto& s : c.summonses) AddUnique(nips, s.examination_team_nips);
  return nips;
}

// The summonses and the team's decree: what the examination rests on.
std::vector<std::string> Basis(const Case& c) {
  std::vector<std::string> out;
  for (const auto& s : c.summonses) {
    const std::string number =
        s.letter_number.empty() ? absl::StrCat(c.register_number, "/PGL-", s.sequence) : s.letter_number;
    out.push_back(absl::StrCat("Surat Panggilan ", s.sequence == 2 ? "II" : "I", " Nomor ", number, " tanggal ",
                               domain::LetterDateText(s.issued_on)));
  }
  for (const auto& s : c.summonses) {
    if (!s.examination_team_decree_number.empty()) {
      out.push_back(absl::StrCat("Keputusan Pembentukan Tim Pemeriksa Nomor ", s.examination_team_decree_number));
      break;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) out[i] = absl::StrCat(i + 1, ".\t", out[i], ";");
  return out;
}

void Signer(ports::LetterValues& v, const std::string& prefix, const std::string& title, const std::string& name,
            const std::string& nip) {
  v.text[prefix + "_title"] = title;
  v.text[prefix + "_title_upper"] = Upper(title);
  if (!name.empty()) v.lists[prefix + "_name"] = {name};
  if (!nip.empty()) v.lists[prefix + "_nip"] = {nip};
}

// PP 94/2021 Pasal 27: the examination's result in a BAP, signed by the
// examiner and the examinee (≈ Pasal 33); none when the employee did not
// come (Pasal 26 ayat (4): decided without examination).
absl::Status BapValues(const Case& c, const domain::RulesEngine& rules, const LetterContext& ctx,
                       ports::LetterValues& v) {
  if (!c.examination->attended) {
    return absl::FailedPreconditionError(
        "kind: the employee did not attend the examination, so there is no BAP (PP 94/2021 Pasal 26 ayat (4))");
  }
  Employee(c, v);
  const domain::Examination& e = *c.examination;
  v.text["examined_in_words"] = domain::DayInWords(e.examined_on);
  v.text["examined_on"] = domain::LetterDateText(e.examined_on);
  std::vector<std::string> examiners;
  for (const auto& nip : ExaminerNips(c)) examiners.push_back(PersonText(ctx, nip));
  if (examiners.empty()) return absl::FailedPreconditionError("kind: the examination names no examiner");
  v.lists["examiners"] = examiners;
  v.lists["basis"] = Basis(c);
  v.lists["allegations"] = Allegations(c, rules);
  v.lists["findings"] = Findings(c, rules);
  const std::string first = ExaminerNips(c).front();
  Signer(v, "examiner", "Pemeriksa", NameOf(ctx, first), first);
  v.lists["tembusan"] = {"1. Pejabat yang Berwenang Menghukum;", "2. Yang diperiksa."};
  return absl::OkStatus();
}

// The examiner's report to the official (Peraturan BKN 6/2022's annex):
// basis, the employee, the allegation, the facts, conclusion, proposal.
absl::Status LhpValues(const Case& c, const domain::RulesEngine& rules, const LetterContext& ctx,
                       ports::LetterValues& v) {
  Employee(c, v);
  const domain::Examination& e = *c.examination;
  v.text["examined_on"] = domain::LetterDateText(e.examined_on);
  v.text["attendance"] =
      e.attended
          ? absl::StrCat("Yang bersangkutan hadir dan telah diperiksa pada hari ", domain::LetterWeekday(e.examined_on),
                         " tanggal ", domain::LetterDateText(e.examined_on), ".")
          : "Yang bersangkutan tidak hadir memenuhi panggilan, sehingga hukuman disiplin dijatuhkan berdasarkan "
            "alat bukti dan keterangan yang ada tanpa dilakukan pemeriksaan (Peraturan Pemerintah Nomor 94 "
            "Tahun 2021 Pasal 26 ayat (4)).";
  v.lists["basis"] = Basis(c);
  v.lists["allegations"] = Allegations(c, rules);
  v.lists["findings"] = Findings(c, rules);
  bool proven = false;
  for (const auto& f : e.findings) proven = proven || f.proven;
  v.text["conclusion"] =
      proven ? "Yang bersangkutan terbukti melakukan pelanggaran disiplin sebagaimana diuraikan di atas."
             : "Yang bersangkutan tidak terbukti melakukan pelanggaran disiplin.";
  std::string addressee = "Pejabat yang Berwenang Menghukum";
  if (c.recommendation.has_value() && !c.recommendation->authority.title.empty()) {
    addressee = c.recommendation->authority.title;
  }
  v.text["addressee"] = addressee;
  std::string proposal = "diserahkan kepada Pejabat yang Berwenang Menghukum untuk ditetapkan.";
  if (proven && c.recommendation.has_value()) {
    const domain::Assessment& a = c.recommendation->assessment;
    const std::string level = absl::AsciiStrToLower(domain::Name(a.level));
    if (a.punishment != domain::Punishment::kUnspecified) {
      proposal = absl::StrCat("dijatuhi hukuman disiplin tingkat ", level, " berupa ",
                              domain::PunishmentInWords(a.punishment), ".");
    } else if (!a.options.empty()) {
      std::vector<std::string> options;
      for (const auto& o : a.options) options.push_back(std::string(domain::PunishmentInWords(o.punishment)));
      proposal = absl::StrCat("dijatuhi hukuman disiplin tingkat ", level,
                              " berupa salah satu dari: ", absl::StrJoin(options, "; "), ".");
    }
  } else if (!proven) {
    proposal = "tidak dijatuhi hukuman disiplin.";
  }
  v.text["proposal"] = proposal;
  v.text["report_on"] = domain::LetterDateText(e.examined_on);
  std::vector<std::string> examiners;
  for (const auto& nip : ExaminerNips(c)) examiners.push_back(PersonText(ctx, nip));
  v.lists["examiners"] = examiners;
  v.lists["tembusan"] = {"1. Pejabat Pembina Kepegawaian;", "2. Pejabat yang membidangi kepegawaian."};
  return absl::OkStatus();
}

// PP 94/2021 (≈ Pasal 29): the team (the direct superior, the oversight and
// the personnel elements) formed by the PPK's decree.
absl::Status SkTimValues(const Case& c, const domain::RulesEngine& rules, const LetterContext& ctx,
                         ports::LetterValues& v, absl::CivilDay* dated) {
  Employee(c, v);
  v.text["allegation"] = c.allegations.empty() ? "" : ProvisionText(rules, c.allegations.front().provision_id);
  std::string level = "sedang atau berat";
  if (c.recommendation.has_value() && c.recommendation->assessment.level != domain::SanctionLevel::kUnspecified) {
    level = absl::AsciiStrToLower(domain::Name(c.recommendation->assessment.level));
  }
  v.text["level"] = level;
  std::vector<std::string> members;
  const std::vector<std::string> team = TeamNips(c);
  for (size_t i = 0; i < team.size(); ++i) {
    const std::string name = NameOf(ctx, team[i]);
    const std::string post = PostOf(ctx, team[i]);
    members.push_back(absl::StrCat(i + 1, ".\t", name.empty() ? "" : absl::StrCat(name, ", "), "NIP ", team[i],
                                   post == "-" ? "" : absl::StrCat(", ", post), ", sebagai anggota;"));
  }
  v.lists["members"] = members;
  *dated = c.received_on;
  for (const auto& s : c.summonses) {
    if (!s.examination_team_nips.empty() || !s.examination_team_decree_number.empty()) {
      *dated = s.issued_on;
      break;
    }
  }
  v.text["dated_on"] = domain::LetterDateText(*dated);
  const std::string title =
      ctx.agency.has_value() && !ctx.agency->ppk_title.empty() ? ctx.agency->ppk_title : "Pejabat Pembina Kepegawaian";
  Signer(v, "official", title, ctx.agency.has_value() ? ctx.agency->ppk_name : "",
         ctx.agency.has_value() ? ctx.agency->ppk_nip : "");
  v.lists["tembusan"] = {"1. Kepala Badan Kepegawaian Negara;", "2. Inspektorat;", "3. Para anggota tim pemeriksa;",
                         "4. Yang bersangkutan."};
  return absl::OkStatus();
}

// PP 94/2021 ≈ Pasal 31 (reference §2.5a): released from the duties of his
// post by the direct superior, from the examination until the decision, with
// an acting official (Plh); he keeps his rights and still comes to work.
absl::Status PbsValues(const Case& c, const domain::RulesEngine& rules, const LetterContext& ctx,
                       ports::LetterValues& v) {
  Employee(c, v);
  const domain::TemporaryRelease& r = *c.temporary_release;
  v.text["allegation"] = c.allegations.empty() ? "" : ProvisionText(rules, c.allegations.front().provision_id);
  v.text["decided_on"] = domain::LetterDateText(r.decided_on);
  v.text["acting"] = r.acting_official_nip.empty() ? "-" : PersonText(ctx, r.acting_official_nip);
  std::string title = r.released_by_nip.empty() ? "Atasan Langsung" : PostOf(ctx, r.released_by_nip);
  if (title == "-") title = "Atasan Langsung";
  Signer(v, "official", title, NameOf(ctx, r.released_by_nip), r.released_by_nip);
  v.lists["tembusan"] = {"1. Pejabat Pembina Kepegawaian;", "2. Pejabat yang membidangi kepegawaian;",
                         "3. Yang bersangkutan."};
  return absl::OkStatus();
}

void DecisionValues(const Case& c, const domain::RulesEngine& rules, ports::LetterValues& v) {
  const domain::Decision& d = *c.decision;
  Employee(c, v);
  v.text["decision_number"] = d.decision_number;
  v.text["decided_on"] = domain::LetterDateText(d.decided_on);
  v.text["punishment"] = std::string(domain::PunishmentInWords(d.punishment));
  v.text["level"] = absl::AsciiStrToLower(domain::Name(rules.LevelOf(d.punishment)));
  const std::string title = d.decided_by.title.empty() ? "Pejabat yang Berwenang Menghukum" : d.decided_by.title;
  Signer(v, "official", title, d.decided_by.name, d.decided_by.nip);
}

// PP 94/2021 Pasal 37 ayat (3): delivered within 14 days of the decision;
// not coming, it is sent within 3 working days (Peraturan BKN 6/2022 Pasal 49
// ayat (8)).
absl::Status PmkValues(const Case& c, const domain::RulesEngine& rules, ports::LetterValues& v) {
  DecisionValues(c, rules, v);
  for (const auto& d : c.open_deadlines) {
    if (d.what == "delivery") {
      v.lists["due"] = {absl::StrCat(domain::LetterWeekday(d.due_on), ", ", domain::LetterDateText(d.due_on))};
    }
  }
  v.lists["tembusan"] = {"1. Atasan langsung yang bersangkutan;", "2. Pejabat yang membidangi kepegawaian."};
  return absl::OkStatus();
}

absl::Status BapkValues(const Case& c, const domain::RulesEngine& rules, ports::LetterValues& v) {
  DecisionValues(c, rules, v);
  v.text["delivered_in_words"] = domain::DayInWords(*c.delivered_on);
  v.text["delivered_on"] = domain::LetterDateText(*c.delivered_on);
  // Peraturan BKN 6/2022 Pasal 50 ayat (1) (reference §2.5): in force from
  // the effective date unless a remedy suspends it (§2.5a).
  if (c.effective_on.has_value()) {
    v.lists["effective_on"] = {domain::LetterDateText(*c.effective_on)};
  }
  v.lists["tembusan"] = {"1. Pejabat yang Berwenang Menghukum;", "2. Pejabat yang membidangi kepegawaian."};
  return absl::OkStatus();
}

// A basis the reference marks unverified is printed without its article.
std::string PrintedBasis(absl::string_view basis) {
  if (!absl::StrContains(basis, "[unverified]")) return std::string(basis);
  const size_t at = basis.find(" Pasal");
  return std::string(
      absl::StripAsciiWhitespace(basis.substr(0, at == absl::string_view::npos ? basis.find(" [") : at)));
}

absl::string_view RestrictionText(domain::Restriction r) {
  switch (r) {
    case domain::Restriction::kNoResignation:
      return "tidak dapat diberhentikan atas permintaan sendiri";
    case domain::Restriction::kNoKgb:
      return "tidak dapat diberikan kenaikan gaji berkala";
    case domain::Restriction::kNoPromotion:
      return "tidak dapat diberikan kenaikan pangkat";
    case domain::Restriction::kNoTransfer:
      return "tidak dapat dipindahkan";
    default:
      return "";
  }
}

// Reference §2.5a ("Resignation during a case"): the surat keterangan tidak
// sedang dalam proses pemeriksaan / tidak sedang menjalani hukuman disiplin,
// from GetDisciplineStatus's data.
absl::Status KetValues(const Case& c, const domain::DisciplineStatus& st, const domain::RulesEngine& rules,
                       const LetterContext& ctx, ports::LetterValues& v) {
  Employee(c, v);
  v.text["on_date"] = domain::LetterDateText(st.on_date);
  v.text["agency"] = ctx.agency.has_value() && !ctx.agency->name.empty() ? ctx.agency->name : c.agency_code;
  v.lists[st.under_examination ? "under_examination" : "not_under_examination"] = {"1"};
  std::vector<std::string> serving;
  for (const auto& t : st.serving) {
    serving.push_back(absl::StrCat(
        "hukuman disiplin tingkat ", absl::AsciiStrToLower(domain::Name(t.level)), " berupa ",
        domain::PunishmentInWords(t.punishment),
        t.decision_number.empty() ? "" : absl::StrCat(" (Keputusan Nomor ", t.decision_number, ")"),
        t.ends_on.has_value() ? absl::StrCat(" sampai dengan tanggal ", domain::LetterDateText(*t.ends_on)) : ""));
  }
  v.lists["serving"] = serving;
  if (serving.empty()) v.lists["not_serving"] = {"1"};
  if (serving.empty() && !st.under_examination) v.lists["clean"] = {"1"};
  if (st.last_punishment.has_value()) {
    const domain::PunishmentTerm& t = *st.last_punishment;
    v.lists["last_punishment"] = {absl::StrCat(
        "hukuman disiplin tingkat ", absl::AsciiStrToLower(domain::Name(t.level)), " berupa ",
        domain::PunishmentInWords(t.punishment),
        t.decision_number.empty() ? "" : absl::StrCat(" dengan Keputusan Nomor ", t.decision_number),
        t.decided_on.has_value() ? absl::StrCat(" tanggal ", domain::LetterDateText(*t.decided_on)) : "",
        t.effective_on.has_value() ? absl::StrCat(", berlaku sejak tanggal ", domain::LetterDateText(*t.effective_on))
                                   : "")};
  } else {
    v.lists["no_punishment"] = {"1"};
  }
  std::vector<std::string> restrictions;
  for (size_t i = 0; i < st.restrictions.size(); ++i) {
    const auto& r = st.restrictions[i];
    restrictions.push_back(absl::StrCat(Letter(i), "\t", RestrictionText(r.restriction),
                                        r.until.has_value()
                                            ? absl::StrCat(" sampai dengan tanggal ", domain::LetterDateText(*r.until))
                                            : " sampai perkaranya diputus",
                                        " (", PrintedBasis(r.legal_basis), ");"));
  }
  v.lists["restrictions"] = restrictions;
  v.lists["tembusan"] = {"1. Yang bersangkutan;", "2. Arsip."};
  return absl::OkStatus();
}

}  // namespace

std::string TemplateVersion(const EmbeddedFile& file) {
  // FNV-1a (64 bits): a stable digest of the template's text (absl::Hash is
  // seeded per process).
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : file.contents) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  absl::string_view name = file.name;
  absl::ConsumeSuffix(&name, ".mustache");
  return absl::StrFormat("%s@%016x", name, h);
}

std::vector<std::string> OfficialsNamedBy(const Case& c) {
  std::vector<std::string> nips = ExaminerNips(c);
  AddUnique(nips, TeamNips(c));
  if (c.temporary_release.has_value()) {
    AddUnique(nips, {c.temporary_release->released_by_nip, c.temporary_release->acting_official_nip});
  }
  for (const auto& s : c.summonses) AddUnique(nips, {s.signatory_nip});
  return nips;
}

absl::StatusOr<ports::LetterInput> LetterInputFor(const Case& c, LetterKind kind, const domain::RulesEngine& rules,
                                                  const EmbeddedFileList& templates, const std::string& place,
                                                  std::string* template_version, const LetterContext& context) {
  if (kind == LetterKind::kUnspecified) return absl::InvalidArgumentError("kind: required");
  ports::LetterInput in;
  ASSIGN_OR_RETURN(std::string number, domain::LetterNumber(c, kind));
  const std::string file = absl::StrCat(domain::Name(kind), ".mustache");
  const EmbeddedFile* tmpl = nullptr;
  for (const auto& f : templates) {
    if (f.name == file) tmpl = &f;
  }
  if (tmpl == nullptr)
    return absl::FailedPreconditionError(absl::StrCat("kind: template not yet available for ", file));
  absl::CivilDay dated = c.received_on;
  switch (kind) {
    case LetterKind::kSkHukumanDisiplin:
      RETURN_IF_ERROR(SkValues(c, rules, in.values));
      dated = c.decision->decided_on;
      in.title = absl::StrCat("Keputusan Penjatuhan Hukuman Disiplin ", number);
      break;
    case LetterKind::kSuratPanggilan:
      RETURN_IF_ERROR(SummonsValues(c, in.values));
      dated = c.summonses.back().issued_on;
      in.title = absl::StrCat("Surat Panggilan ", number);
      break;
    case LetterKind::kBap:
      RETURN_IF_ERROR(BapValues(c, rules, context, in.values));
      dated = c.examination->examined_on;
      in.title = absl::StrCat("Berita Acara Pemeriksaan ", number);
      break;
    case LetterKind::kLaporanHasilPemeriksaan:
      RETURN_IF_ERROR(LhpValues(c, rules, context, in.values));
      dated = c.examination->examined_on;
      in.title = absl::StrCat("Laporan Hasil Pemeriksaan ", number);
      break;
    case LetterKind::kSkTimPemeriksa:
      RETURN_IF_ERROR(SkTimValues(c, rules, context, in.values, &dated));
      in.title = absl::StrCat("Keputusan Pembentukan Tim Pemeriksa ", number);
      break;
    case LetterKind::kSkPembebasanSementara:
      RETURN_IF_ERROR(PbsValues(c, rules, context, in.values));
      dated = c.temporary_release->decided_on;
      in.title = absl::StrCat("Keputusan Pembebasan Sementara dari Tugas Jabatan ", number);
      break;
    case LetterKind::kPanggilanMenerimaKeputusan:
      RETURN_IF_ERROR(PmkValues(c, rules, in.values));
      dated = c.decision->decided_on;
      in.title = absl::StrCat("Surat Panggilan untuk Menerima Keputusan ", number);
      break;
    case LetterKind::kBeritaAcaraPenyampaian:
      RETURN_IF_ERROR(BapkValues(c, rules, in.values));
      dated = *c.delivered_on;
      in.title = absl::StrCat("Berita Acara Penyampaian Keputusan Hukuman Disiplin ", number);
      break;
    case LetterKind::kSuratKeteranganHukdis:
      if (!context.status.has_value()) {
        return absl::FailedPreconditionError("kind: the employee's discipline status is not available");
      }
      RETURN_IF_ERROR(KetValues(c, *context.status, rules, context, in.values));
      dated = context.status->on_date;
      // One certificate a day: its date completes the number.
      number = absl::StrCat(c.register_number, "/KET-", absl::StrReplaceAll(domain::FormatIsoDate(dated), {{"-", ""}}));
      in.title = absl::StrCat("Surat Keterangan Hukuman Disiplin ", number);
      break;
    default:
      return absl::FailedPreconditionError(absl::StrCat("kind: template not yet available for ", file));
  }
  in.values.text["number"] = number;
  in.values.text["place"] = place;
  in.values.text["register_number"] = c.register_number;
  in.values.text["dated"] = domain::LetterDateText(dated);
  in.template_text = std::string(tmpl->contents);
  // The PDF's dates are the letter's own (not the time of rendering).
  in.created = absl::StrCat(domain::FormatIsoDate(dated), "T00:00:00");
  *template_version = TemplateVersion(*tmpl);
  return in;
}

// One piece: load and authorize, render, store, record, in that order (the
// event names the stored document, so it comes last).
absl::StatusOr<RenderedLetter> LetterUseCases::RenderLetter(const domain::Caller& caller, const std::string& case_id,
                                                            LetterKind kind) {
  if (kind == LetterKind::kUnspecified) return absl::InvalidArgumentError("kind: required");
  RETURN_IF_ERROR(d_.case_use_cases.AuthorizeCase(caller, case_id, domain::Action::kGetCase));
  ASSIGN_OR_RETURN(const Case c, d_.cases.Get(case_id));
  RETURN_IF_ERROR(domain::AuthorizeLetter(caller, kind, c, *d_.policy));
  RenderedLetter out;
  out.kind = kind;
  // SIMPEG: the officials the letter names, and the agency (its PPK). A
  // source that does not answer leaves the NIPs alone on the letter.
  LetterContext context;
  if (d_.personnel != nullptr) {
    for (const std::string& nip : OfficialsNamedBy(c)) {
      absl::StatusOr<domain::EmployeeSnapshot> person = d_.personnel->GetEmployee(nip);
      if (person.ok()) context.people[nip] = *std::move(person);
    }
    absl::StatusOr<domain::Agency> agency = d_.personnel->GetAgency(c.agency_code);
    if (agency.ok()) context.agency = *std::move(agency);
  }
  if (kind == LetterKind::kSuratKeteranganHukdis) {
    // The certificate states GetDisciplineStatus's answer for the caller.
    ASSIGN_OR_RETURN(context.status, d_.case_use_cases.GetDisciplineStatus(caller, c.employee.nip, std::nullopt));
  }
  ASSIGN_OR_RETURN(const ports::LetterInput input,
                   LetterInputFor(c, kind, d_.rules, d_.templates, d_.place, &out.template_version, context));
  out.number = input.values.text.at("number");
  ASSIGN_OR_RETURN(const std::string pdf, d_.renderer.Render(input));

  ports::DocumentMetadata meta;
  meta.case_id = c.case_id;
  meta.kind = DocumentKindOf(kind);
  meta.file_name = absl::StrCat(domain::Name(kind), ".pdf");
  meta.media_type = "application/pdf";
  meta.agency_code = c.agency_code;
  ASSIGN_OR_RETURN(std::unique_ptr<ports::DocumentWriter> writer,
                   d_.documents.Begin(meta, static_cast<int64_t>(pdf.size())));
  RETURN_IF_ERROR(writer->Write(pdf));
  ASSIGN_OR_RETURN(out.document, writer->Commit());
  out.letter_id = out.document.document_id;
  out.rendered_at = d_.clock.Now();

  const std::string payload = LetterJson(out);
  RETURN_IF_ERROR(d_.cases.RecordRead(c.case_id,
                                      {caller.Actor(),
                                       std::string(kRenderLetterAction),
                                       domain::CaseState::kUnspecified,
                                       payload,
                                       {{out.document.document_id, out.document.sha256}}},
                                      out.rendered_at));
  return out;
}

absl::StatusOr<std::vector<LetterRecord>> LetterUseCases::ListLetters(const domain::Caller& caller,
                                                                      const std::string& case_id) {
  RETURN_IF_ERROR(d_.case_use_cases.AuthorizeCase(caller, case_id, domain::Action::kGetCase));
  std::vector<LetterRecord> out;
  int64_t after = 0;
  constexpr int kPage = 500;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<domain::AuditEvent> events, d_.cases.History(case_id, after, kPage));
    for (const auto& e : events) {
      if (e.action == kRenderLetterAction || e.action == kSignLetterAction) out.push_back({e.payload_json});
      after = e.sequence;
    }
    if (static_cast<int>(events.size()) < kPage) break;
  }
  return out;
}

// One piece: find the rendered letter (or its signed letter) on the case's
// chain, sign through SignUseCases, record the signed letter.
absl::StatusOr<LetterRecord> LetterUseCases::SignLetter(const domain::Caller& caller, const SignLetterInput& in,
                                                        SignUseCases* signing) {
  if (!IsServiceId(in.case_id)) return InvalidField("case_id", "is required (an id of the service)");
  if (!IsServiceId(in.letter_id)) return InvalidField("letter_id", "is required (a Letter.letter_id of the case)");
  RETURN_IF_ERROR(d_.case_use_cases.AuthorizeCase(caller, in.case_id, domain::Action::kGetCase));
  // The letter as rendered, and its signed letter if it was signed already.
  std::string rendered, signed_before;
  const std::string as_rendered = absl::StrCat("\"letterId\":", Quoted(in.letter_id), ",");
  const std::string as_unsigned = absl::StrCat("\"unsignedLetterId\":", Quoted(in.letter_id));
  int64_t after = 0;
  constexpr int kPage = 500;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<domain::AuditEvent> events, d_.cases.History(in.case_id, after, kPage));
    for (const auto& e : events) {
      if (e.action == kRenderLetterAction && absl::StrContains(e.payload_json, as_rendered)) rendered = e.payload_json;
      if (e.action == kSignLetterAction && absl::StrContains(e.payload_json, as_unsigned)) {
        signed_before = e.payload_json;
      }
      after = e.sequence;
    }
    if (static_cast<int>(events.size()) < kPage) break;
  }
  if (rendered.empty()) {
    return WithIndonesian(
        absl::NotFoundError(absl::StrCat("letter_id: no letter ", in.letter_id, " was rendered for this case")),
        "Surat tidak ditemukan pada perkara ini.");
  }
  // Signed already: the signed letter, and BSrE is not called again.
  if (!signed_before.empty()) return LetterRecord{signed_before};
  // api.md "Letters and the electronic signature": the official signs the
  // SK (PP 94/2021 Pasal 18-25: the official who imposes the punishment).
  if (!absl::StrContains(rendered, absl::StrCat("\"kind\":", static_cast<int>(LetterKind::kSkHukumanDisiplin), ","))) {
    return WithIndonesian(absl::FailedPreconditionError(
                              "letter_id: only the SK (LETTER_KIND_SK_HUKUMAN_DISIPLIN) is signed electronically"),
                          "Hanya surat keputusan hukuman disiplin yang dapat ditandatangani secara elektronik.");
  }
  if (signing == nullptr) {
    return WithIndonesian(absl::FailedPreconditionError("esign: no e-sign service is configured (ServerConfig.esign)"),
                          "Layanan tanda tangan elektronik belum dikonfigurasi.");
  }
  SignInput sign;
  sign.request_id = in.request_id.empty() ? absl::StrCat("sign-letter:", in.letter_id) : in.request_id;
  sign.case_id = in.case_id;
  sign.version = in.version;
  if (sign.version == 0) {
    ASSIGN_OR_RETURN(const Case current, d_.cases.Get(in.case_id));
    sign.version = current.version;
  }
  sign.document_id = in.letter_id;
  sign.credentials = in.credentials;
  ASSIGN_OR_RETURN(const SignResult result, signing->SignDecisionDocument(caller, sign));

  RenderedLetter out;
  out.letter_id = result.signed_document.document_id;
  out.kind = LetterKind::kSkHukumanDisiplin;
  out.document = result.signed_document;
  out.number = result.signed_case.decision.has_value() ? result.signed_case.decision->decision_number : "";
  out.rendered_at = d_.clock.Now();
  out.template_version = WrittenValue(rendered, "templateVersion");
  const std::string signed_at = absl::FormatTime(absl::RFC3339_sec, out.rendered_at, absl::UTCTimeZone());
  const std::string payload = LetterJson(out, signed_at, in.letter_id);
  RETURN_IF_ERROR(d_.cases.RecordRead(in.case_id,
                                      {caller.Actor(),
                                       std::string(kSignLetterAction),
                                       domain::CaseState::kUnspecified,
                                       payload,
                                       {{out.document.document_id, out.document.sha256}}},
                                      out.rendered_at));
  return LetterRecord{payload};
}

}  // namespace discipline::app
