#ifndef DISCIPLINE_TESTS_TESTING_LETTER_CASES_H_
#define DISCIPLINE_TESTS_TESTING_LETTER_CASES_H_

// The employee and the violation the letter tests render from: Budi Santoso
// (NIP 198507152010011003), received 1 September 2026, alleged and found to
// have been absent without leave (PP 94/2021 Pasal 4 huruf f). Each test adds
// the summonses, the examination and the decision its letters need.

#include "absl/time/civil_time.h"
#include "service/domain/case.h"

namespace discipline::testing {

inline domain::Case LetterTestCase() {
  domain::Case c;
  c.case_id = "01JCASE";
  c.register_number = "HD/2026/000007";
  c.agency_code = "KOTA";
  c.employee.nip = "198507152010011003";
  c.employee.name = "Budi Santoso";
  c.employee.rank = "Penata Muda (III/a)";
  c.employee.position_title = "Analis Kepegawaian";
  c.employee.unit_name = "Badan Kepegawaian dan Pengembangan SDM";
  c.received_on = absl::CivilDay(2026, 9, 1);
  domain::ViolationRecord v;
  v.provision_id = "PP94.4.f";
  v.description = "tidak masuk kerja 12 hari";
  v.proven = true;
  c.allegations.push_back(v);
  return c;
}

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_LETTER_CASES_H_
