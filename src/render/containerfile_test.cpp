#include <gtest/gtest.h>
TEST(CfPlaceholder, A) { EXPECT_EQ(1, 1); }
