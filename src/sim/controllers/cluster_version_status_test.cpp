#include "sim/controllers/cluster_version_status.h"

#include <gtest/gtest.h>

namespace dl::sim::controllers::cvo {
namespace {

using Kind = UpdateDecision::Kind;

// A ClusterVersion at 4.20.15 asking for `update`.
json cluster_version(json update) {
  json cv = {
      {"spec", {{"channel", "stable-4.21"}}},
      {"status",
       {{"desired", {{"version", "4.20.15"}, {"image", "quay.io/openshift-release-dev/ocp-release:4.20.15-x86_64"}}},
        {"history",
         {{{"state", "Completed"}, {"version", "4.20.15"}}, {{"state", "Completed"}, {"version", "4.20.10"}}}}}}};
  if (!update.is_null()) cv["spec"]["desiredUpdate"] = update;
  return cv;
}

UpdateDecision decide(json update, bool degraded = false) {
  return decide_update(cluster_version(update), cluster::query_update_graph("4.20.15", "stable-4.21"), "x86_64",
                       degraded);
}

TEST(DecideUpdateTest, AcceptsOfferedVersionsAndReleaseImages) {
  auto d = decide({{"version", "4.21.11"}});
  EXPECT_EQ(d.kind, Kind::accept);
  EXPECT_EQ(d.image, "quay.io/openshift-release-dev/ocp-release:4.21.11-x86_64");
  d = decide({{"image", "quay.io/openshift-release-dev/ocp-release:4.20.16-x86_64"}});
  EXPECT_EQ(d.kind, Kind::accept);
  EXPECT_EQ(d.version, "4.20.16");
  EXPECT_EQ(decide(json()).kind, Kind::none);
  EXPECT_EQ(decide({{"version", "4.20.15"}}).kind, Kind::none);
}

TEST(DecideUpdateTest, InvalidRequestsSayWhatTheCvoSays) {
  auto d = decide({{"version", "4.21.99"}});
  EXPECT_EQ(d.kind, Kind::invalid);
  EXPECT_EQ(d.message,
            "The cluster version is invalid: spec.desiredUpdate.version: Invalid value: \"4.21.99\": when "
            "image is empty the update must be a previous version or an available update");
  EXPECT_NE(decide({{"version", "latest"}}).message.find("must be a semantic version"), std::string::npos);
  EXPECT_NE(decide(json::object()).message.find("must specify version or image"), std::string::npos);
}

TEST(DecideUpdateTest, RefusesPayloadsItCannotLoadOrShouldNotApply) {
  auto d = decide({{"image", "quay.io/openshift-release-dev/ocp-release:4.30.1-x86_64"}});
  EXPECT_EQ(d.kind, Kind::refuse);
  EXPECT_EQ(d.reason, "RetrievePayload");
  EXPECT_EQ(d.message.rfind("Retrieving payload failed version=\"\" image=\"quay.io/", 0), 0u) << d.message;
  d = decide({{"version", "4.21.10"}, {"image", "quay.io/openshift-release-dev/ocp-release:4.21.11-x86_64"}});
  EXPECT_EQ(d.reason, "VerifyPayloadVersion");
  d = decide({{"image", "quay.io/openshift-release-dev/ocp-release:4.22.0-x86_64"}});
  EXPECT_EQ(d.reason, "PreconditionChecks");
  EXPECT_NE(d.message.find("the update from 4.20.15 to 4.22.0 is probably neither recommended nor supported"),
            std::string::npos);
  EXPECT_EQ(decide({{"image", "quay.io/openshift-release-dev/ocp-release:4.22.0-x86_64"}, {"force", true}}).kind,
            Kind::accept);
  // a previous version is a valid request, but not a recommended update
  EXPECT_EQ(decide({{"version", "4.20.10"}}).reason, "PreconditionChecks");
  // a degraded pool blocks minor updates, not z-streams
  d = decide({{"version", "4.21.11"}}, true);
  EXPECT_EQ(d.reason, "PreconditionChecks");
  EXPECT_NE(d.message.find("Precondition \"ClusterVersionUpgradeable\" failed because of \"DegradedPool\""),
            std::string::npos);
  EXPECT_EQ(decide({{"version", "4.20.16"}}, true).kind, Kind::accept);
}

TEST(DecideUpdateTest, ReportsTheGraphAndTheProgress) {
  json updates = available_updates(cluster::query_update_graph("4.20.15", "stable-4.21"), "aarch64");
  EXPECT_EQ(updates[0].value("version", ""), "4.21.12");
  EXPECT_EQ(updates[0].value("image", ""), "quay.io/openshift-release-dev/ocp-release:4.21.12-aarch64");
  EXPECT_TRUE(available_updates(cluster::query_update_graph("4.20.15", ""), "x86_64").is_null());
  EXPECT_EQ(version_of_image("quay.io/openshift-release-dev/ocp-release:4.21.11-x86_64", "aarch64"), "");
  EXPECT_EQ(working_towards("4.21.11", 783, true),
            "Working towards 4.21.11: 783 of 903 done (86% complete), waiting on machine-config");
}

}  // namespace
}  // namespace dl::sim::controllers::cvo
