// libFuzzer: the request validators (service/app/request_limits.h) and the
// request_id check, on filings and examinations built from arbitrary bytes.
// Any input must give OK or a status, never a crash or undefined behaviour.

#include <fuzzer/FuzzedDataProvider.h>

#include "service/app/case_use_cases.h"
#include "service/app/request_limits.h"

namespace {

discipline::domain::ViolationRecord Violation(FuzzedDataProvider& in) {
  discipline::domain::ViolationRecord v;
  v.provision_id = in.ConsumeRandomLengthString(64);
  v.description = in.ConsumeRandomLengthString(256);
  v.absence_days = in.ConsumeIntegral<int>();
  v.consecutive_absence_days = in.ConsumeIntegral<int>();
  if (in.ConsumeBool()) v.occurred_on = absl::CivilDay(in.ConsumeIntegral<int16_t>(), in.ConsumeIntegral<int8_t>(), 1);
  v.proven = in.ConsumeBool();
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  discipline::app::FileCaseInput filing;
  filing.request_id = in.ConsumeRandomLengthString(200);
  filing.agency_code = in.ConsumeRandomLengthString(100);
  filing.employee_nip = in.ConsumeRandomLengthString(40);
  filing.reporter = in.ConsumeRandomLengthString(1200);
  const int allegations = in.ConsumeIntegralInRange(0, 60);
  for (int i = 0; i < allegations; ++i) filing.allegations.push_back(Violation(in));
  filing.received_on =
      absl::CivilDay(in.ConsumeIntegral<int16_t>(), in.ConsumeIntegral<int8_t>(), in.ConsumeIntegral<int8_t>());
  const int documents = in.ConsumeIntegralInRange(0, 25);
  for (int i = 0; i < documents; ++i) filing.document_ids.push_back(in.ConsumeRandomLengthString(100));
  (void)discipline::app::ValidateRequestId(filing.request_id);
  (void)discipline::app::CheckFiling(filing);

  discipline::domain::RecordExaminationCommand exam;
  exam.examined_on = filing.received_on;
  const int findings = in.ConsumeIntegralInRange(0, 60);
  for (int i = 0; i < findings; ++i) exam.findings.push_back(Violation(in));
  exam.bap_document_id = in.ConsumeRandomLengthString(100);
  const int nips = in.ConsumeIntegralInRange(0, 25);
  for (int i = 0; i < nips; ++i) exam.examiner_nips.push_back(in.ConsumeRandomLengthString(40));
  (void)discipline::app::CheckExamination(exam);

  discipline::domain::DecideCommand decide;
  decide.decision_number = in.ConsumeRandomLengthString(200);
  decide.reason = in.ConsumeRandomLengthString(5000);
  decide.proposal_number = in.ConsumeRemainingBytesAsString();
  decide.decided_on = filing.received_on;
  (void)discipline::app::CheckDecision(decide);
  return 0;
}
