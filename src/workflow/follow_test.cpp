// The pure parts of following a build and a rollout: build states, failure lines, selectors.
#include "workflow/follow.h"

#include <gtest/gtest.h>

namespace dl::workflow {
namespace {

json with_conditions(std::initializer_list<std::pair<const char*, const char*>> cs) {
  json conditions = json::array();
  for (const auto& [t, s] : cs) conditions.push_back({{"type", t}, {"status", s}});
  return {{"status", {{"conditions", conditions}}}};
}

TEST(Follow, BuildStateIsTheTrueCondition) {
  EXPECT_EQ(build_state(with_conditions({{"Prepared", "False"}, {"Building", "True"}, {"Succeeded", "False"}})), "Building");
  EXPECT_EQ(build_state(with_conditions({{"Building", "False"}, {"Failed", "True"}})), "Failed");
  EXPECT_EQ(build_state(json::object()), "");
}

TEST(Follow, FailureLinesKeepTheDnfAndPushErrorsOnly) {
  std::string log =
      "STEP 3/9: RUN dnf install -y doca-all\n"
      "Updating and loading repositories:\n"
      "No match for argument: doca-all\n"
      "Error: Unable to find a match: doca-all\n"
      "Error: building at STEP \"RUN dnf\": exit status 1\n";
  std::string lines = failure_lines(log);
  EXPECT_EQ(lines,
            "No match for argument: doca-all\nError: Unable to find a match: doca-all\n"
            "Error: building at STEP \"RUN dnf\": exit status 1\n");
  EXPECT_EQ(failure_lines("all good\n"), "");
  std::string many;
  for (int i = 0; i < 20; ++i) many += "Error: " + std::to_string(i) + "\n";
  EXPECT_EQ(failure_lines(many, 2), "Error: 18\nError: 19\n") << "the last lines are the ones kept";
}

TEST(Follow, PoolSelectorFromMatchLabels) {
  json pool = {{"spec", {{"nodeSelector", {{"matchLabels", {{"node-role.kubernetes.io/worker", ""}, {"zone", "a"}}}}}}}};
  EXPECT_EQ(pool_selector(pool), "node-role.kubernetes.io/worker,zone=a");
}

TEST(Follow, PoolSelectorFromMatchExpressions) {
  json pool = json::parse(R"({"spec":{"nodeSelector":{"matchLabels":{"a":"1"},"matchExpressions":[
    {"key":"node-role.kubernetes.io/doca","operator":"Exists"},{"key":"zone","operator":"In","values":["x","y"]},
    {"key":"tier","operator":"NotIn","values":["gpu"]},{"key":"old","operator":"DoesNotExist"}]}}})");
  EXPECT_EQ(pool_selector(pool), "a=1,node-role.kubernetes.io/doca,zone in (x,y),tier notin (gpu),!old")
      << "a pool selecting by expressions alone must not select every node";
}

}  // namespace
}  // namespace dl::workflow
