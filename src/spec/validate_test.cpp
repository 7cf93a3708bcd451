#include "spec/validate.h"

#include <gtest/gtest.h>

namespace dl::spec {
TEST(Validate, Placeholder) { EXPECT_TRUE(load_string("", "x", "").diagnostics.size() == 1); }
}  // namespace dl::spec
