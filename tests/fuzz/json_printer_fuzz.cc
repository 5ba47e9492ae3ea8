// libFuzzer: the gateway's JSON printer (adapters/http/json_printer.h)
// against protobuf's own mapping. Arbitrary bytes are parsed as one of the
// API's request or answer messages (picked by the first byte); whatever
// parses must print as MessageToJsonString prints it, whether the printer
// writes it or leaves it to protobuf.

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "adapters/http/json_printer.h"
#include "google/protobuf/message.h"
#include "google/protobuf/util/json_util.h"
#include "service/grpc/generic_call.h"

namespace {

namespace gp = ::google::protobuf;

const std::vector<const gp::Message*>& Prototypes() {
  static const auto* out = [] {
    auto* v = new std::vector<const gp::Message*>();
    for (const gp::ServiceDescriptor* s : discipline::grpc_api::ApiServices()) {
      for (int i = 0; i < s->method_count(); ++i) {
        for (const gp::Descriptor* d : {s->method(i)->input_type(), s->method(i)->output_type()}) {
          v->push_back(gp::MessageFactory::generated_factory()->GetPrototype(d));
        }
      }
    }
    return v;
  }();
  return *out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& prototypes = Prototypes();
  std::unique_ptr<gp::Message> m(prototypes[data[0] % prototypes.size()]->New());
  if (!m->ParseFromArray(data + 1, static_cast<int>(size - 1))) return 0;
  std::string expected;
  const bool protobuf_ok = gp::util::MessageToJsonString(*m, &expected).ok();
  std::string printed;
  if (discipline::http::PrintJson(*m, &printed)) {
    // What the printer writes, protobuf must write alike, and accept.
    if (!protobuf_ok || printed != expected) std::abort();
  } else if (discipline::http::ToJson(*m) != expected) {
    std::abort();
  }
  return 0;
}
