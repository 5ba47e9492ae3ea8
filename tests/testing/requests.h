#ifndef DISCIPLINE_TESTS_TESTING_REQUESTS_H_
#define DISCIPLINE_TESTS_TESTING_REQUESTS_H_

// Requests the e2e, browser and Galera tests send alike (header only: the
// Galera client links no test library).

#include <string>

#include "asn/discipline/v1/cases.pb.h"

namespace discipline::testing {

// BKN's recommendation for Andi Saputra (a pelaksana of KOTA-CONTOH),
// received 1 Oct 2026: SKB2022.5 for a calon (campaigning with party or PNS
// attributes, PP 94/2021 Pasal 5 huruf n angka 2, sedang; angka 1 cites no
// disciplinary level, law reference 2.5a), aspect `aspect`, due `due_on`, the
// violation on `occurred_on` when given. Undated, the filings of one test are
// not one violation filed twice (which is refused: one violation, one
// punishment).
inline asn::discipline::v1::FileCaseRequest BknRecommendation(
    const std::string& request_id, const std::string& due_on,
    asn::discipline::v1::NeutralityAspect aspect = asn::discipline::v1::NEUTRALITY_ASPECT_POLITIK,
    const std::string& occurred_on = "") {
  namespace pb = ::asn::discipline::v1;
  pb::FileCaseRequest r;
  r.set_request_id(request_id);
  r.set_agency_code("KOTA-CONTOH");
  r.set_employee_nip("199006052015031005");
  r.set_source(pb::SOURCE_BKN);
  auto* a = r.add_allegations();
  a->set_provision_id("SKB2022.5");
  a->set_candidate_status(pb::CANDIDATE_STATUS_CALON);
  a->set_neutrality_aspect(aspect);
  a->set_occurred_on(occurred_on);
  r.set_received_on("2026-10-01");
  auto* rec = r.mutable_recommendation();
  rec->set_issuer(pb::ISSUER_BKN);
  rec->set_number("R-" + request_id + "/BKN/2026");
  rec->set_issued_on("2026-09-30");
  rec->set_recommended_track(pb::TRACK_DISCIPLINE);
  rec->set_recommended_punishment(pb::PUNISHMENT_PENUNDAAN_KGB_1_TAHUN);
  rec->set_follow_up_due_on(due_on);
  return r;
}

// An absence report (PP 94/2021 Pasal 4 huruf f) for the same employee.
inline asn::discipline::v1::FileCaseRequest AbsenceReport(const std::string& request_id,
                                                          const std::string& received_on) {
  namespace pb = ::asn::discipline::v1;
  pb::FileCaseRequest r;
  r.set_request_id(request_id);
  r.set_agency_code("KOTA-CONTOH");
  r.set_employee_nip("199006052015031005");
  r.set_source(pb::SOURCE_SISTEM_KEHADIRAN);
  r.add_allegations()->set_provision_id("PP94.4.f");
  r.set_received_on(received_on);
  return r;
}

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_REQUESTS_H_
