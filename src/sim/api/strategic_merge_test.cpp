// Strategic merge patch: merging by key, each directive, and the errors the server answers with.
#include <gtest/gtest.h>

#include <string>

#include "sim/api/patch.h"
#include "sim/api/patch_test_support.h"

namespace dl::sim::api {
namespace {

using nlohmann::json;
using testing::j;
using testing::patched;
using testing::refused;

json pod_patch(const std::string& live, const std::string& patch) {
  return patched(apply_strategic_merge_patch(j(live), j(patch), strategic_schema_for("", "Pod")));
}

PatchError pod_refusal(const std::string& live, const std::string& patch) {
  return refused(apply_strategic_merge_patch(j(live), j(patch), strategic_schema_for("", "Pod")));
}

TEST(SimPatchStrategic, MapsMergeAndNullDeletes) {
  EXPECT_EQ(pod_patch(R"({"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"nodeName":"n1"}})",
                      R"({"metadata":{"labels":{"b":null,"c":"3"}},"spec":{"hostname":"h"}})"),
            j(R"({"metadata":{"labels":{"a":"1","c":"3"}},"spec":{"nodeName":"n1","hostname":"h"}})"));
  // Inserted values lose their nulls and directives.
  EXPECT_EQ(pod_patch(R"({})", R"({"spec":{"a":null,"b":{"c":null,"d":1}}})"), j(R"({"spec":{"b":{"d":1}}})"));
  EXPECT_EQ(pod_patch(R"({"a":1})", "null"), j(R"({"a":1})"));
}

TEST(SimPatchStrategic, ContainersMergeByNameAndEnvByName) {
  const char* live = R"({"spec":{"containers":[
      {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]},
      {"name":"b","image":"b:1"}]}})";
  auto out = pod_patch(live, R"({"spec":{"containers":[
      {"name":"a","env":[{"name":"Y","value":"changed"}]},{"name":"b","image":"b:2"}]}})");
  EXPECT_EQ(out, j(R"({"spec":{"containers":[
      {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"changed"}]},
      {"name":"b","image":"b:2"}]}})"));
}

// apimachinery's mergeSortedSlice puts items new to the list before the server-only ones.
TEST(SimPatchStrategic, NewKeyedItemsComeBeforeServerOnlyOnes) {
  auto out = pod_patch(R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]}})",
                       R"({"spec":{"containers":[{"name":"c","image":"c:1"}]}})");
  EXPECT_EQ(out, j(R"({"spec":{"containers":[{"name":"c","image":"c:1"},{"name":"a"},{"name":"b"}]}})"));
  auto ports = pod_patch(R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"name":"http"}]}]}})",
                         R"({"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":"TCP"}]}]}})");
  EXPECT_EQ(ports["spec"]["containers"][0]["ports"], j(R"([{"containerPort":80,"name":"http","protocol":"TCP"}])"));
}

TEST(SimPatchStrategic, ListsWithoutMergeKeyAreReplaced) {
  EXPECT_EQ(pod_patch(R"({"spec":{"tolerations":[{"key":"a","operator":"Exists"},{"key":"b"}]}})",
                      R"({"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}})"),
            j(R"({"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}})"));
  auto node = patched(apply_strategic_merge_patch(
      j(R"({"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]},"status":{"conditions":[{"type":"Ready","status":"True"}]}})"),
      j(R"({"spec":{"taints":[{"key":"b","effect":"NoExecute"}]},"status":{"conditions":[{"type":"Ready","status":"False"}]}})"),
      strategic_schema_for("", "Node")));
  EXPECT_EQ(node["spec"]["taints"], j(R"([{"key":"b","effect":"NoExecute"}])"));
  EXPECT_EQ(node["status"]["conditions"], j(R"([{"type":"Ready","status":"False"}])"));
}

TEST(SimPatchStrategic, FinalizersMergeAsASet) {
  EXPECT_EQ(pod_patch(R"({"metadata":{"finalizers":["a","b"]}})", R"({"metadata":{"finalizers":["b","c"]}})"),
            j(R"({"metadata":{"finalizers":["a","b","c"]}})"));
  EXPECT_EQ(pod_patch(R"({"metadata":{"finalizers":["a","b"]}})", R"({"metadata":{"finalizers":["c","c"]}})"),
            j(R"({"metadata":{"finalizers":["c","a","b"]}})"));
  EXPECT_EQ(pod_patch(R"({"metadata":{}})", R"({"metadata":{"finalizers":["x"]}})"),
            j(R"({"metadata":{"finalizers":["x"]}})"));
}

TEST(SimPatchStrategic, DeleteFromPrimitiveList) {
  EXPECT_EQ(pod_patch(R"({"metadata":{"finalizers":["a","b","c"]}})",
                      R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zz"]}})"),
            j(R"({"metadata":{"finalizers":["a","c"]}})"));
  EXPECT_EQ(pod_patch(R"({"metadata":{}})", R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}})"),
            j(R"({"metadata":{}})"));
  EXPECT_EQ(pod_refusal(R"({})", R"({"metadata":{"$deleteFromPrimitiveList/finalizers":"b"}})").message,
            "invalid patch format of primitive list");
  EXPECT_EQ(pod_refusal(R"({})", R"({"metadata":{"$deleteFromPrimitiveList":["b"]}})").code, 400);
}

TEST(SimPatchStrategic, PatchDeleteOnListItems) {
  const char* live = R"({"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}})";
  EXPECT_EQ(pod_patch(live, R"({"spec":{"containers":[{"name":"b","$patch":"delete"}]}})"),
            j(R"({"spec":{"containers":[{"name":"a"},{"name":"c"}]}})"));
  PatchError e = pod_refusal(live, R"({"spec":{"containers":[{"$patch":"delete","image":"x"}]}})");
  EXPECT_EQ(e.code, 500);
  EXPECT_EQ(e.reason, "");
  EXPECT_EQ(e.message, "map: map[$patch:delete image:x] does not contain declared merge key: name");
  EXPECT_EQ(pod_refusal(live, R"({"spec":{"containers":[{"image":"x"}]}})").message,
            "map: map[image:x] does not contain declared merge key: name");
}

TEST(SimPatchStrategic, PatchReplaceOnListsAndMaps) {
  EXPECT_EQ(pod_patch(R"({"spec":{"containers":[{"name":"a","image":"a"},{"name":"b"}]}})",
                      R"({"spec":{"containers":[{"name":"z"},{"$patch":"replace"}]}})"),
            j(R"({"spec":{"containers":[{"name":"z"}]}})"));
  EXPECT_EQ(pod_patch(R"({"spec":{"nodeSelector":{"a":"1","b":"2"}}})",
                      R"({"spec":{"nodeSelector":{"$patch":"replace","c":"3"}}})"),
            j(R"({"spec":{"nodeSelector":{"c":"3"}}})"));
  EXPECT_EQ(
      pod_patch(R"({"spec":{"nodeSelector":{"a":"1"},"x":1}})", R"({"spec":{"nodeSelector":{"$patch":"delete"}}})"),
      j(R"({"spec":{"nodeSelector":{},"x":1}})"));
  EXPECT_EQ(pod_patch(R"({"spec":{"x":1}})", R"({"spec":{"new":{"$patch":"delete"}}})"), j(R"({"spec":{"x":1}})"));
}

TEST(SimPatchStrategic, PatchMergeIsAnExplicitDefault) {
  EXPECT_EQ(
      pod_patch(R"({"spec":{"nodeSelector":{"a":"1"}}})", R"({"spec":{"nodeSelector":{"$patch":"merge","b":"2"}}})"),
      j(R"({"spec":{"nodeSelector":{"a":"1","b":"2"}}})"));
  EXPECT_EQ(pod_patch(R"({"spec":{"containers":[{"name":"a"}]}})",
                      R"({"spec":{"containers":[{"$patch":"merge"},{"name":"a","image":"i"}]}})"),
            j(R"({"spec":{"containers":[{"name":"a","image":"i"}]}})"));
}

TEST(SimPatchStrategic, RetainKeys) {
  EXPECT_EQ(pod_patch(R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}})",
                      R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"),
            j(R"({"spec":{"strategy":{"type":"Recreate"}}})"));
  PatchError e = pod_refusal(R"({"spec":{}})", R"({"spec":{"$retainKeys":["type"],"other":1}})");
  EXPECT_EQ(e.code, 400);
  EXPECT_EQ(e.message, "invalid patch format of retainKeys");
  EXPECT_EQ(pod_refusal(R"({"spec":{}})", R"({"spec":{"$retainKeys":"type"}})").code, 400);
}

TEST(SimPatchStrategic, SetElementOrder) {
  const char* live = R"({"spec":{"containers":[{"name":"a","env":[
      {"name":"A","value":"1"},{"name":"B","value":"2"},{"name":"S1","value":"s"},{"name":"S2","value":"t"}]}]}})";
  auto out = pod_patch(live, R"({"spec":{"containers":[{"name":"a",
      "$setElementOrder/env":[{"name":"B"},{"name":"A"},{"name":"NEW"}],"env":[{"name":"NEW","value":"n"}]}]}})");
  EXPECT_EQ(out["spec"]["containers"][0]["env"], j(R"([{"name":"B","value":"2"},{"name":"A","value":"1"},
      {"name":"NEW","value":"n"},{"name":"S1","value":"s"},{"name":"S2","value":"t"}])"));
  // Items the order leaves out keep their place relative to the live list.
  auto kept = pod_patch(R"({"spec":{"containers":[{"name":"a"},{"name":"s"},{"name":"b"}]}})",
                        R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}})");
  EXPECT_EQ(kept, j(R"({"spec":{"containers":[{"name":"s"},{"name":"b"},{"name":"a"}]}})"));
  // Primitive lists are ordered by value; a patch list out of that order is refused.
  EXPECT_EQ(pod_patch(R"({"metadata":{"finalizers":["a","b"]}})",
                      R"({"metadata":{"$setElementOrder/finalizers":["b","c","a"],"finalizers":["c"]}})"),
            j(R"({"metadata":{"finalizers":["b","c","a"]}})"));
  PatchError e = pod_refusal(R"({"metadata":{"finalizers":["a"]}})",
                             R"({"metadata":{"$setElementOrder/finalizers":["x","y"],"finalizers":["y","x"]}})");
  EXPECT_EQ(e.code, 500);
  EXPECT_EQ(e.message, "The order in patch list:\n[y x]\n doesn't match $setElementOrder list:\n[x y]\n");
  EXPECT_EQ(pod_refusal(R"({})", R"({"$setElementOrder/x":"a"})").message,
            "invalid patch format of setElementOrder list");
}

TEST(SimPatchStrategic, UnknownDirectivesAndBadBodiesAre400) {
  PatchError unknown = pod_refusal(R"({"spec":{}})", R"({"spec":{"$frobnicate":true}})");
  EXPECT_EQ(unknown.code, 400);
  EXPECT_EQ(unknown.reason, "BadRequest");
  EXPECT_NE(unknown.message.find("\"$frobnicate\" in spec"), std::string::npos) << unknown.message;
  PatchError bad_type = pod_refusal(R"({"spec":{"containers":[{"name":"a"}]}})",
                                    R"({"spec":{"containers":[{"name":"a","$patch":"frob"}]}})");
  EXPECT_EQ(bad_type.code, 400);
  EXPECT_EQ(bad_type.message, "unknown patch type: frob in map: map[$patch:frob name:a]");
  PatchError not_map = pod_refusal(R"({})", R"([{"op":"add"}])");
  EXPECT_EQ(not_map.code, 400);
  EXPECT_EQ(not_map.message, "json: cannot unmarshal array into Go value of type map[string]interface {}");
}

TEST(SimPatchStrategic, ListElementTypeErrors) {
  PatchError lists = pod_refusal(R"({"metadata":{"finalizers":[["a"]]}})", R"({"metadata":{"finalizers":[["b"]]}})");
  EXPECT_EQ(lists.code, 422);
  EXPECT_EQ(lists.message, "lists of lists are not supported");
  PatchError mixed = pod_refusal(R"({"metadata":{"finalizers":["a"]}})", R"({"metadata":{"finalizers":[1]}})");
  EXPECT_EQ(mixed.code, 500);
  EXPECT_EQ(mixed.message, "list element types are not identical: [[a] [1]]");
}

TEST(SimPatchStrategic, OwnerReferencesMergeByUid) {
  EXPECT_EQ(
      pod_patch(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"rs-a"}]}})",
                R"({"metadata":{"ownerReferences":[{"uid":"1","controller":true},{"uid":"2","name":"rs-b"}]}})"),
      j(R"({"metadata":{"ownerReferences":[{"uid":"1","name":"rs-a","controller":true},{"uid":"2","name":"rs-b"}]}})"));
}

}  // namespace
}  // namespace dl::sim::api
