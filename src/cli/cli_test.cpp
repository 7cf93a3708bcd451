#include <gtest/gtest.h>
TEST(CliPlaceholder, A) { EXPECT_EQ(1, 1); }
