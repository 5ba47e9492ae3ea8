#ifndef DISCIPLINE_TESTS_TESTING_RULES_H_
#define DISCIPLINE_TESTS_TESTING_RULES_H_

// The built-in rules table and calendar, loaded once for unit tests.

#include "service/config/rules_loader.h"

namespace discipline::testing {

inline const config::LoadedRules& BuiltinRules() {
  static const config::LoadedRules* rules = [] {
    auto loaded = config::LoadRules({});
    if (!loaded.ok()) {
      fprintf(stderr, "built-in rules do not load: %s\n", loaded.status().ToString().c_str());
      abort();
    }
    return new config::LoadedRules(std::move(*loaded));
  }();
  return *rules;
}

}  // namespace discipline::testing

#endif  // DISCIPLINE_TESTS_TESTING_RULES_H_
