#ifndef DISCIPLINE_SERVICE_LETTERS_LETTER_TEMPLATES_H_
#define DISCIPLINE_SERVICE_LETTERS_LETTER_TEMPLATES_H_

#include "service/common/embedded_file.h"

namespace discipline::letters {

// The letter templates compiled into the server (templates/*.mustache).
const EmbeddedFileList& BuiltinTemplates();

}  // namespace discipline::letters

#endif  // DISCIPLINE_SERVICE_LETTERS_LETTER_TEMPLATES_H_
