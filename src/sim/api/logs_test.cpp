#include "sim/api/logs.h"

#include <gtest/gtest.h>

namespace dl::sim::api {

TEST(LogStore, ReadsFromOffsetsAndSince) {
  LogStore logs;
  logs.append("ns", "p", "c", "one\n");
  logs.append("ns", "p", "c", "two\n");
  EXPECT_EQ(logs.read("ns", "p", "c", 4, std::chrono::milliseconds(0)).text, "two\n");
  auto now = std::chrono::system_clock::now();
  EXPECT_EQ(logs.offset_since("ns", "p", "c", now - std::chrono::hours(1)), 0u);
  EXPECT_EQ(logs.offset_since("ns", "p", "c", now + std::chrono::hours(1)), 8u);
  EXPECT_FALSE(logs.read("ns", "p", "c", 8, std::chrono::milliseconds(0)).finished);
  logs.finish("ns", "p", "c");
  EXPECT_TRUE(logs.read("ns", "p", "c", 8, std::chrono::milliseconds(0)).finished);
}

}  // namespace dl::sim::api
