#include "service/letters/letter_templates.h"

namespace discipline::letters {
namespace embedded {
extern const EmbeddedFileList kTemplates;
}  // namespace embedded

const EmbeddedFileList& BuiltinTemplates() { return embedded::kTemplates; }

}  // namespace discipline::letters
