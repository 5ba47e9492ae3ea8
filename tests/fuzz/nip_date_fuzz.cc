// libFuzzer: the NIP and date parsers, and the agency time zones.

#include <fuzzer/FuzzedDataProvider.h>

#include "service/domain/calendar.h"
#include "service/domain/local_time.h"
#include "service/domain/nip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)discipline::domain::NormalizeNip(text, "nip");
  if (auto day = discipline::domain::ParseIsoDate(text, "date"); day.ok()) {
    // A parsed date formats back to the same text.
    if (discipline::domain::FormatIsoDate(*day) != text) __builtin_trap();
  }
  (void)discipline::domain::ParseAgencyZone(text);
  return 0;
}
