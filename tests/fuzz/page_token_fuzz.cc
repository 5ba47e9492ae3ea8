// libFuzzer: the page-token decoders (service/codec/page_token.h) on
// arbitrary tokens and filters; a token the encoder made must decode to the
// same position.

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>

#include "service/codec/page_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  discipline::ports::CaseFilter filter;
  filter.agency_code = in.ConsumeRandomLengthString(70);
  filter.state = static_cast<discipline::domain::CaseState>(in.ConsumeIntegralInRange(0, 9));
  filter.overdue_only = in.ConsumeBool();
  const std::string case_id = in.ConsumeRandomLengthString(40);
  const int64_t sequence = in.ConsumeIntegral<int64_t>();
  const std::string token = in.ConsumeRemainingBytesAsString();

  discipline::ports::CaseFilter decoded = filter;
  (void)discipline::codec::DecodeCasePageToken(token, decoded);
  (void)discipline::codec::DecodeHistoryPageToken(token, case_id);

  // Round trip.
  discipline::domain::Case last;
  last.case_id = case_id.empty() ? "x" : case_id;
  const std::string made = discipline::codec::EncodeCasePageToken(filter, last);
  discipline::ports::CaseFilter again = filter;
  if (discipline::codec::DecodeCasePageToken(made, again).ok() && again.after_case_id != last.case_id) std::abort();
  if (sequence >= 0) {
    auto back = discipline::codec::DecodeHistoryPageToken(discipline::codec::EncodeHistoryPageToken(case_id, sequence),
                                                          case_id);
    if (!back.ok() || *back != sequence) std::abort();
  }
  return 0;
}
