#include "sim/cluster/update_graph.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dl::sim::cluster {
namespace {

TEST(UpdateGraphTest, ChannelsCarryTheirMinorAndThePreviousOne) {
  auto same = query_update_graph("4.20.15", "stable-4.20");
  ASSERT_TRUE(same.retrieved);
  EXPECT_EQ(same.updates, (std::vector<std::string>{"4.20.20", "4.20.19", "4.20.18", "4.20.17", "4.20.16"}));
  auto next = query_update_graph("4.20.15", "fast-4.21");
  ASSERT_TRUE(next.retrieved);
  EXPECT_EQ(next.updates.front(), "4.21.12");
  EXPECT_NE(std::find(next.updates.begin(), next.updates.end(), "4.21.11"), next.updates.end());
  EXPECT_EQ(next.updates.back(), "4.20.16");
  EXPECT_TRUE(query_update_graph("4.22.3", "stable-4.22").updates.empty());
}

TEST(UpdateGraphTest, SaysWhyItHasNoAnswer) {
  auto none = query_update_graph("4.20.15", "");
  EXPECT_FALSE(none.retrieved);
  EXPECT_EQ(none.reason, "NoChannel");
  auto other = query_update_graph("4.20.15", "stable-4.22");
  EXPECT_EQ(other.reason, "VersionNotFound");
  EXPECT_EQ(other.message,
            "Unable to retrieve available updates: currently reconciling cluster version 4.20.15 not "
            "found in the \"stable-4.22\" channel");
  EXPECT_EQ(query_update_graph("4.20.95", "stable-4.20").reason, "VersionNotFound");
}

TEST(UpdateGraphTest, EdgesGoForwardAtMostOneMinor) {
  EXPECT_TRUE(update_edge("4.20.15", "4.20.16"));
  EXPECT_TRUE(update_edge("4.20.15", "4.21.0"));
  EXPECT_FALSE(update_edge("4.20.15", "4.22.0"));
  EXPECT_FALSE(update_edge("4.20.15", "4.20.14"));
  EXPECT_FALSE(update_edge("4.20.15", "4.20.15"));
  EXPECT_FALSE(update_edge("4.20.15", "4.21.99"));
  EXPECT_FALSE(parse_semver("4.21").has_value());
  EXPECT_FALSE(parse_semver("4.21.01").has_value());
  EXPECT_EQ(parse_semver("4.21.11")->str(), "4.21.11");
  EXPECT_TRUE(in_update_graph("4.21.11"));
  EXPECT_FALSE(in_update_graph("5.0.0"));
}

}  // namespace
}  // namespace dl::sim::cluster
