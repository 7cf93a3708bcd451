// Merge patch (RFC 7386 appendix A plus kube-apiserver's handling), the built-in schemas, and
// what `kubectl apply` really sends for a ConfigMap data change and a new env var.
#include "sim/api/patch.h"

#include <gtest/gtest.h>

#include <string>

#include "sim/api/patch_test_support.h"

namespace dl::sim::api {
namespace {

using testing::j;
using testing::patched;
using testing::refused;

struct MergeCase {
  const char* original;
  const char* patch;
  const char* result;
};

// RFC 7386 appendix A, except the two whose patch is null or a string (see RefusesNullAndScalarPatches).
TEST(SimPatchMerge, Rfc7386AppendixA) {
  const MergeCase cases[] = {
      {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
      {R"({"a":"b"})", R"({"a":null})", R"({})"},
      {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
      {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
      {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
      {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
      {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
      {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
      {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
      {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
      {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
      {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.original) + " + " + c.patch);
    EXPECT_EQ(patched(apply_merge_patch(j(c.original), j(c.patch))), j(c.result));
  }
}

// RFC 7386 would return the patch itself; kube-apiserver answers 400 (json-patch's errBadJSONPatch).
TEST(SimPatchMerge, RefusesNullAndScalarPatches) {
  for (const char* patch : {"null", R"("bar")", "3", "true"}) {
    PatchError e = refused(apply_merge_patch(j(R"({"a":"foo"})"), j(patch)));
    EXPECT_EQ(e.code, 400) << patch;
    EXPECT_EQ(e.reason, "BadRequest");
    EXPECT_EQ(e.message, "Invalid JSON Patch");
  }
}

TEST(SimPatchMerge, PrunesNullsFromInsertedValuesLikeJsonPatchV4) {
  EXPECT_EQ(patched(apply_merge_patch(j(R"({"a":1})"), j(R"({"b":[1,null,{"c":null,"d":2}]})"))),
            j(R"({"a":1,"b":[1,{"d":2}]})"));
  // A key holding null counts as absent, so the patch value is pruned and inserted.
  EXPECT_EQ(patched(apply_merge_patch(j(R"({"a":null})"), j(R"({"a":{"x":null,"y":1}})"))), j(R"({"a":{"y":1}})"));
  // A non-object replacing an object is taken as it is.
  EXPECT_EQ(patched(apply_merge_patch(j(R"({"a":{"x":1}})"), j(R"({"a":[null]})"))), j(R"({"a":[null]})"));
}

TEST(SimPatchMerge, LeavesTargetUntouched) {
  const auto target = j(R"({"spec":{"replicas":1,"paused":true}})");
  EXPECT_EQ(patched(apply_merge_patch(target, j(R"({"spec":{"replicas":3,"paused":null}})"))),
            j(R"({"spec":{"replicas":3}})"));
  EXPECT_EQ(target, j(R"({"spec":{"replicas":1,"paused":true}})"));
}

TEST(SimPatchSchema, BuiltInKindsCarryTheirMergeKeys) {
  auto pod = strategic_schema_for("", "Pod");
  EXPECT_EQ(pod.merge_key("spec.containers"), "name");
  EXPECT_EQ(pod.merge_key("spec.initContainers[].env"), "name");
  EXPECT_EQ(pod.merge_key("spec.containers[].ports"), "containerPort");
  EXPECT_EQ(pod.merge_key("spec.containers[].volumeMounts"), "mountPath");
  EXPECT_EQ(pod.merge_key("spec.volumes"), "name");
  EXPECT_EQ(pod.merge_key("metadata.finalizers"), "");
  EXPECT_EQ(pod.merge_key("metadata.ownerReferences"), "uid");
  EXPECT_EQ(pod.merge_key("status.conditions"), "type");
  EXPECT_EQ(pod.merge_key("spec.tolerations"), std::nullopt);

  auto deployment = strategic_schema_for("apps", "Deployment");
  EXPECT_EQ(deployment.merge_key("spec.template.spec.containers[].env"), "name");
  EXPECT_EQ(deployment.merge_key("spec.containers"), std::nullopt);
  EXPECT_EQ(strategic_schema_for("batch", "Job").merge_key("spec.template.spec.volumes"), "name");

  auto node = strategic_schema_for("", "Node");
  EXPECT_EQ(node.merge_key("status.conditions"), "type");
  EXPECT_EQ(node.merge_key("spec.taints"), std::nullopt);  // no patchStrategy in k8s.io/api: replaced
  EXPECT_EQ(strategic_schema_for("", "ServiceAccount").merge_key("secrets"), "name");
  EXPECT_EQ(strategic_schema_for("", "PersistentVolumeClaim").merge_key("status.conditions"), "type");

  auto config_map = strategic_schema_for("", "ConfigMap");
  EXPECT_EQ(config_map.merge_keys.size(), 2U);  // metadata.finalizers and metadata.ownerReferences only
}

// `kubectl apply` of a ConfigMap whose data changed: a plain map merge (the body shape is from a
// captured trace; a key dropped from the file arrives as null).
TEST(SimPatchKubectl, ApplyConfigMapDataChange) {
  const auto live = j(R"({
    "apiVersion":"v1","kind":"ConfigMap",
    "metadata":{"name":"cm1","namespace":"default","resourceVersion":"7","labels":{"app":"demo"},
                "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"old\":1}\n"}},
    "data":{"a":"1","b":"2","gone":"x"}})");
  const auto patch = j(R"({
    "data":{"a":"2","b":"3","gone":null},
    "metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":1}\n"}}})");
  auto out = patched(apply_strategic_merge_patch(live, patch, strategic_schema_for("", "ConfigMap")));
  EXPECT_EQ(out["data"], j(R"({"a":"2","b":"3"})"));
  EXPECT_EQ(out["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"], "{\"new\":1}\n");
  EXPECT_EQ(out["metadata"]["labels"], j(R"({"app":"demo"})"));
  EXPECT_EQ(out["metadata"]["resourceVersion"], "7");
  EXPECT_EQ(out["kind"], "ConfigMap");
}

// `kubectl apply` after adding env var B to container "app": the three-way patch names the
// changed container by key and carries $setElementOrder for both lists.
TEST(SimPatchKubectl, ApplyDeploymentNewEnvVar) {
  const auto live = j(R"({
    "apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
    "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
      {"name":"app","image":"nginx:1","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80}]},
      {"name":"sidecar","image":"busybox","env":[{"name":"S","value":"s"}]}]}}}})");
  const auto patch = j(R"({
    "metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
    "spec":{"template":{"spec":{
      "$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
      "containers":[{"$setElementOrder/env":[{"name":"A"},{"name":"B"}],
                     "env":[{"name":"B","value":"2"}],"name":"app"}]}}}})");
  auto out = patched(apply_strategic_merge_patch(live, patch, strategic_schema_for("apps", "Deployment")));
  const auto& containers = out["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 2U);
  EXPECT_EQ(containers[0], j(R"({"name":"app","image":"nginx:1","ports":[{"containerPort":80}],
                                  "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})"));
  EXPECT_EQ(containers[1], live["spec"]["template"]["spec"]["containers"][1]);
  EXPECT_EQ(out["spec"]["replicas"], 2);
  EXPECT_EQ(out["metadata"]["annotations"].size(), 1U);
}

}  // namespace
}  // namespace dl::sim::api
