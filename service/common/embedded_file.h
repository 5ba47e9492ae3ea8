#ifndef DISCIPLINE_SERVICE_COMMON_EMBEDDED_FILE_H_
#define DISCIPLINE_SERVICE_COMMON_EMBEDDED_FILE_H_

#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace discipline {

// A data file compiled into the binary (see cmake/embed.cmake): its base name
// and its contents, in the order the build listed them.
struct EmbeddedFile {
  absl::string_view name;
  absl::string_view contents;
};
using EmbeddedFileList = std::vector<EmbeddedFile>;

}  // namespace discipline

#endif  // DISCIPLINE_SERVICE_COMMON_EMBEDDED_FILE_H_
