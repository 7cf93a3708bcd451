#include "sim/api/managed_fields.h"

#include <gtest/gtest.h>

#include "sim/api/patching.h"
#include "sim/api/resources.h"

namespace dl::sim::api {
namespace {

TEST(ManagedFields, LeafPathsAndFieldsV1RoundTrip) {
  nlohmann::json o = {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
                      {"metadata", {{"name", "x"}, {"labels", {{"a", "b"}}}}}, {"data", {{"k", "v"}, {"l", "w"}}}};
  FieldSet s = leaf_paths(o, false);
  EXPECT_EQ(s, (FieldSet{{"data", "k"}, {"data", "l"}, {"metadata", "labels", "a"}}));
  EXPECT_EQ(to_fields_v1(s).dump(), R"({"f:data":{"f:k":{},"f:l":{}},"f:metadata":{"f:labels":{"f:a":{}}}})");
  EXPECT_EQ(from_fields_v1(to_fields_v1(s)), s);
  EXPECT_EQ(path_text({"data", "k"}), ".data.k");
}

TEST(ServerSideApply, ConflictsNameTheOtherManagerAndForceTakesOver) {
  const ResourceType& cm = *find_resource("", "v1", "configmaps");
  std::string cfg = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v1, only: a}\n";
  auto first = server_side_apply(cm, nullptr, cfg, "alice", false);
  ASSERT_TRUE(first.ok());
  std::string other = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v2}\n";
  auto clash = server_side_apply(cm, &*first, other, "bob", false);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, 409);
  EXPECT_EQ(clash.error().message, "Apply failed with 1 conflict: conflict with \"alice\" using v1: .data.k");
  auto forced = server_side_apply(cm, &*first, other, "bob", true);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ((*forced)["data"]["k"], "v2");
  EXPECT_EQ((*forced)["data"]["only"], "a");
  // alice re-applies without "only": she owned it alone, so it goes.
  auto shrink = server_side_apply(cm, &*forced, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {}\n", "alice", false);
  ASSERT_TRUE(shrink.ok());
  EXPECT_FALSE((*shrink)["data"].contains("only"));
  EXPECT_EQ((*shrink)["data"]["k"], "v2");
}

TEST(ServerSideApply, ApplyNeedsAFieldManager) {
  const ResourceType& cm = *find_resource("", "v1", "configmaps");
  auto r = server_side_apply(cm, nullptr, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 422);
}

}  // namespace
}  // namespace dl::sim::api
