// libFuzzer: the configuration loaders: the server config, the rules table
// and the calendar as textproto (protobuf TextFormat, then the domain's
// validation), and a request as the CLI and the gateway read it (protobuf's
// JSON mapping, then the codec).

#include <fuzzer/FuzzedDataProvider.h>

#include "asn/discipline/v1/cases.pb.h"
#include "google/protobuf/util/json_util.h"
#include "service/codec/case_codec.h"
#include "service/config/rules_loader.h"
#include "service/domain/calendar.h"
#include "service/domain/rules_engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const int which = in.ConsumeIntegralInRange(0, 3);
  const std::string text = in.ConsumeRemainingBytesAsString();
  switch (which) {
    case 0:
      (void)discipline::config::ParseServerConfig(text);
      break;
    case 1:
      if (auto book = discipline::config::ParseRuleBook(text); book.ok()) {
        (void)discipline::domain::RulesEngine::Create(*book, {});
      }
      break;
    case 2:
      if (auto spec = discipline::config::ParseCalendar(text); spec.ok()) {
        if (auto cal = discipline::domain::WorkingDayCalendar::Create(*spec); cal.ok()) {
          (void)cal->AddWorkingDays(absl::CivilDay(cal->first_year(), 1, 2), 30);
        }
      }
      break;
    default: {
      asn::discipline::v1::FileCaseRequest request;
      if (google::protobuf::util::JsonStringToMessage(text, &request).ok()) {
        for (int i = 0; i < request.allegations_size(); ++i) {
          (void)discipline::codec::FromProto(request.allegations(i), "allegations");
        }
      }
      break;
    }
  }
  return 0;
}
