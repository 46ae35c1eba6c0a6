// The pipeline the end-to-end tests share: created once from the source tree's resources and
// models, never freed (tests read it from any thread).
#ifndef VESTNIK_TESTS_SHARED_PIPELINE_H_
#define VESTNIK_TESTS_SHARED_PIPELINE_H_

#include <cstdlib>
#include <utility>

#include <gtest/gtest.h>

#include "pipeline/pipeline.h"

namespace vestnik::test_support {

inline const Pipeline& SharedPipeline() {
  static const Pipeline* p = [] {
    auto r = Pipeline::Create(VESTNIK_SOURCE_DIR);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      std::abort();
    }
    return std::move(r.value()).release();
  }();
  return *p;
}

}  // namespace vestnik::test_support

#endif  // VESTNIK_TESTS_SHARED_PIPELINE_H_
