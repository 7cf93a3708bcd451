#include <gtest/gtest.h>
TEST(RenderPlaceholder, A) { EXPECT_EQ(1, 1); }
