#ifndef DISCIPLINE_ADAPTERS_HTTP_JSON_PRINTER_H_
#define DISCIPLINE_ADAPTERS_HTTP_JSON_PRINTER_H_

// The gateway's answers in protobuf's JSON mapping, printed by walking the
// message with protobuf's reflection.
//
// Protobuf 3.21 (Debian 12) prints JSON through its converter: the message
// is serialized, then read back field by field against google.protobuf.Type
// descriptions it rebuilds from the descriptors on every call. Under the
// gateway's load that was the largest single cost of an answer (about a
// fifth of the server's time per GET, bench/README.md). PrintJson writes the
// same bytes MessageToJsonString does with its default options (compact,
// lowerCamelCase keys, fields present on the wire in field-number order,
// 64-bit integers quoted, enums by name, bytes in base64, Timestamps in
// RFC 3339, the converter's string escaping), which
// tests/adapters/http/json_printer_test.cc checks byte for byte over every
// message of the API with random contents. Parsing stays with protobuf
// (JsonStringToMessage).

#include <string>

#include "google/protobuf/message.h"

namespace discipline::http {

// Appends `m` as JSON to `out`. False when `m` holds something printed here
// only by protobuf's own mapping (maps, floats, Any, Struct, Duration, the
// wrappers, a Timestamp out of range, a string that is not UTF-8); `out` is
// then unspecified.
bool PrintJson(const google::protobuf::Message& m, std::string* out);

// `m` as JSON: PrintJson, or protobuf's MessageToJsonString where it declines.
std::string ToJson(const google::protobuf::Message& m);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_JSON_PRINTER_H_
