#include "service/app/letter_use_cases.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "service/common/status_macros.h"
#include "service/domain/calendar.h"

namespace discipline::app {
namespace {

using domain::Case;
using domain::LetterKind;

// asn.discipline.v1.DocumentKind numbers of the stored letters.
constexpr int kDocumentKindSuratPanggilan = 4;
constexpr int kDocumentKindSkHukuman = 5;
constexpr int kDocumentKindLainnya = 6;

int DocumentKindOf(LetterKind k) {
  switch (k) {
    case LetterKind::kSuratPanggilan:
      return kDocumentKindSuratPanggilan;
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

absl::StatusOr<ports::LetterInput> LetterInputFor(const Case& c, LetterKind kind, const domain::RulesEngine& rules,
                                                  const EmbeddedFileList& templates, const std::string& place,
                                                  std::string* template_version) {
  ports::LetterInput in;
  ASSIGN_OR_RETURN(const std::string number, domain::LetterNumber(c, kind));
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
    default:
      return absl::FailedPreconditionError(absl::StrCat("kind: template not yet available for ", file));
  }
  in.values.text["number"] = number;
  in.values.text["place"] = place;
  in.values.text["register_number"] = c.register_number;
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
  ASSIGN_OR_RETURN(const ports::LetterInput input,
                   LetterInputFor(c, kind, d_.rules, d_.templates, d_.place, &out.template_version));
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

  // The letter as the API's Letter message in JSON (proto3 JSON names).
  const std::string payload = absl::StrCat(
      "{\"letterId\":", Quoted(out.letter_id), ",\"kind\":", static_cast<int>(kind),
      ",\"document\":{\"documentId\":", Quoted(out.document.document_id), ",\"sha256\":", Quoted(out.document.sha256),
      ",\"sizeBytes\":\"", out.document.size_bytes, "\"},\"number\":", Quoted(out.number),
      ",\"renderedAt\":", Quoted(absl::FormatTime(absl::RFC3339_sec, out.rendered_at, absl::UTCTimeZone())),
      ",\"templateVersion\":", Quoted(out.template_version), "}");
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
      if (e.action == kRenderLetterAction) out.push_back({e.payload_json});
      after = e.sequence;
    }
    if (static_cast<int>(events.size()) < kPage) break;
  }
  return out;
}

}  // namespace discipline::app
