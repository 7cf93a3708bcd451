// JSON patch: RFC 6902 appendix A, then json-patch v4's error texts and quirks as kube-apiserver
// shows them (422 with a generic message, the library text in `detail`).
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

json apply(const char* doc, const char* ops) {
  return patched(apply_json_patch(j(doc), j(ops)));
}

// The library text of a failed operation, after checking the Status fields around it.
std::string failure(const char* doc, const char* ops) {
  PatchError e = refused(apply_json_patch(j(doc), j(ops)));
  EXPECT_EQ(e.code, 422);
  EXPECT_EQ(e.reason, "Invalid");
  EXPECT_EQ(e.message, "the server rejected our request due to an error in our request");
  return e.detail;
}

TEST(SimPatchJson, Rfc6902AppendixAAddRemoveReplace) {
  // A.1 .. A.5
  EXPECT_EQ(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])"),
            j(R"({"baz":"qux","foo":"bar"})"));
  EXPECT_EQ(apply(R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])"),
            j(R"({"foo":["bar","qux","baz"]})"));
  EXPECT_EQ(apply(R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])"), j(R"({"foo":"bar"})"));
  EXPECT_EQ(apply(R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])"),
            j(R"({"foo":["bar","baz"]})"));
  EXPECT_EQ(apply(R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])"),
            j(R"({"baz":"boo","foo":"bar"})"));
}

TEST(SimPatchJson, Rfc6902AppendixAMove) {
  // A.6, A.7
  EXPECT_EQ(apply(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
                  R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])"),
            j(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"));
  EXPECT_EQ(apply(R"({"foo":["all","grass","cows","eat"]})", R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])"),
            j(R"({"foo":["all","cows","eat","grass"]})"));
}

TEST(SimPatchJson, Rfc6902AppendixATest) {
  // A.8 passes, A.9 fails.
  EXPECT_EQ(apply(R"({"baz":"qux","foo":["a",2,"c"]})",
                  R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])"),
            j(R"({"baz":"qux","foo":["a",2,"c"]})"));
  EXPECT_EQ(failure(R"({"baz":"qux"})", R"([{"op":"test","path":"/baz","value":"bar"}])"),
            "testing value /baz failed: test failed");
}

TEST(SimPatchJson, Rfc6902AppendixANestingAndExtras) {
  // A.10 nested object, A.11 unrecognised members ignored, A.16 an array value.
  EXPECT_EQ(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])"),
            j(R"({"foo":"bar","child":{"grandchild":{}}})"));
  EXPECT_EQ(apply(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux","xyz":123}])"),
            j(R"({"foo":"bar","baz":"qux"})"));
  EXPECT_EQ(apply(R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])"),
            j(R"({"foo":["bar",["abc","def"]]})"));
}

TEST(SimPatchJson, Rfc6902AppendixAErrors) {
  // A.12 adding to a nonexistent target; A.15 a string is not a number.
  EXPECT_EQ(failure(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz/bat","value":"qux"}])"),
            R"(add operation does not apply: doc is missing path: "/baz/bat": missing value)");
  EXPECT_EQ(failure(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":"10"}])"),
            "testing value /~01 failed: test failed");
}

TEST(SimPatchJson, PointerEscapes) {
  // A.14: "~01" is "~1", not "/".
  EXPECT_EQ(apply(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10}])"), j(R"({"/":9,"~1":10})"));
  EXPECT_EQ(apply(R"({"metadata":{"labels":{}}})",
                  R"([{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"},
                      {"op":"add","path":"/metadata/labels/a~0b","value":"y"}])"),
            j(R"({"metadata":{"labels":{"app.kubernetes.io/name":"x","a~b":"y"}}})"));
  EXPECT_EQ(apply(R"({"a":1})", R"([{"op":"add","path":"/","value":2}])"), j(R"({"a":1,"":2})"));
}

TEST(SimPatchJson, ArrayIndicesAndAppend) {
  EXPECT_EQ(apply(R"({"l":[1,2]})", R"([{"op":"add","path":"/l/-","value":3},{"op":"add","path":"/l/0","value":0}])"),
            j(R"({"l":[0,1,2,3]})"));
  EXPECT_EQ(apply(R"({"l":[1,2]})", R"([{"op":"add","path":"/l/2","value":3}])"), j(R"({"l":[1,2,3]})"));
  // json-patch v4 counts negative indices from the end.
  EXPECT_EQ(apply(R"({"l":["a","b","c"]})", R"([{"op":"remove","path":"/l/-1"}])"), j(R"({"l":["a","b"]})"));
  EXPECT_EQ(apply(R"({"l":["a","b"]})", R"([{"op":"add","path":"/l/-1","value":"z"}])"), j(R"({"l":["a","b","z"]})"));
  EXPECT_EQ(failure(R"({"l":[1]})", R"([{"op":"add","path":"/l/3","value":9}])"),
            "error in add for path: '/l/3': Unable to access invalid index: 3: invalid index referenced");
  EXPECT_EQ(failure(R"({"l":[1]})", R"([{"op":"remove","path":"/l/1"}])"),
            "error in remove for path: '/l/1': Unable to access invalid index: 1: invalid index referenced");
  EXPECT_EQ(failure(R"({"l":[]})", R"([{"op":"remove","path":"/l/-"}])"),
            R"(error in remove for path: '/l/-': strconv.Atoi: parsing "-": invalid syntax)");
  EXPECT_EQ(
      failure(R"({"l":[]})", R"([{"op":"add","path":"/l/x","value":1}])"),
      R"(error in add for path: '/l/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax)");
  EXPECT_EQ(failure(R"({"l":[1]})", R"([{"op":"replace","path":"/l/5","value":1}])"),
            "replace operation does not apply: doc is missing key: /l/5: missing value");
}

TEST(SimPatchJson, MissingPathsAndKeys) {
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"add","path":"/spec/x/y","value":1}])"),
            R"(add operation does not apply: doc is missing path: "/spec/x/y": missing value)");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"remove","path":"/spec/x"}])"),
            "error in remove for path: '/spec/x': Unable to remove nonexistent key: x: missing value");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"remove","path":"/status/x"}])"),
            R"(remove operation does not apply: doc is missing path: "/status/x": missing value)");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"replace","path":"/status/x","value":1}])"),
            "replace operation does not apply: doc is missing path: /status/x: missing value");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"test","path":"/status/x","value":1}])"),
            "test operation does not apply: is missing path: /status/x: missing value");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"add","value":1}])"),
            "add operation failed to decode path: missing value");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"replace","path":7,"value":1}])"),
            "replace operation failed to decode path: json: cannot unmarshal number into Go value of type string");
  EXPECT_EQ(failure(R"({"spec":{}})", R"([{"op":"add","path":"spec","value":1}])"),
            R"(add operation does not apply: doc is missing path: "spec": missing value)");
}

TEST(SimPatchJson, MoveAndCopy) {
  EXPECT_EQ(apply(R"({"a":{"x":1},"b":{}})", R"([{"op":"copy","from":"/a/x","path":"/b/y"}])"),
            j(R"({"a":{"x":1},"b":{"y":1}})"));
  EXPECT_EQ(apply(R"({"l":[1,2]})", R"([{"op":"copy","from":"/l","path":"/l/0"}])"), j(R"({"l":[[1,2],1,2]})"));
  EXPECT_EQ(failure(R"({"a":{}})", R"([{"op":"move","from":"/a/missing","path":"/b"}])"),
            "error in move for path: 'missing': Unable to remove nonexistent key: missing: missing value");
  EXPECT_EQ(failure(R"({"a":{"x":1}})", R"([{"op":"move","from":"/a/x","path":"/b/c"}])"),
            "move operation does not apply: doc is missing destination path: /b/c: missing value");
  EXPECT_EQ(failure(R"({"a":1})", R"([{"op":"copy","path":"/b"}])"),
            "copy operation failed to decode from: operation, missing from field: missing value");
  EXPECT_EQ(failure(R"({"l":[1]})", R"([{"op":"copy","from":"/l/0","path":"/l/5"}])"),
            "error while adding value during copy: Unable to access invalid index: 5: invalid index referenced");
}

TEST(SimPatchJson, V4QuirksKept) {
  // replace of a missing member adds it; copy from a missing member copies null; test of a
  // missing member against null passes; replace "" swaps the whole document.
  EXPECT_EQ(apply(R"({"a":{}})", R"([{"op":"replace","path":"/a/b","value":1}])"), j(R"({"a":{"b":1}})"));
  EXPECT_EQ(apply(R"({"a":{}})", R"([{"op":"copy","from":"/a/x","path":"/a/y"}])"), j(R"({"a":{"y":null}})"));
  EXPECT_EQ(apply(R"({"a":1})", R"([{"op":"test","path":"/b","value":null}])"), j(R"({"a":1})"));
  EXPECT_EQ(apply(R"({"a":1})", R"([{"op":"replace","path":"","value":{"b":2}}])"), j(R"({"b":2})"));
  EXPECT_EQ(failure(R"({"a":1})", R"([{"op":"test","path":"","value":{"b":2}}])"),
            "testing value  failed: test failed");
  EXPECT_EQ(failure(R"({"a":{}})", R"([{"op":"test","path":"/a","value":null}])"),
            "testing value /a failed: test failed");
}

TEST(SimPatchJson, FailedPatchChangesNothingAndReportsUnknownOps) {
  const auto doc = j(R"({"a":1})");
  PatchError e = refused(apply_json_patch(doc, j(R"([{"op":"add","path":"/b","value":2},{"op":"frob","path":"/a"}])")));
  EXPECT_EQ(e.detail, "Unexpected kind: frob");
  EXPECT_EQ(doc, j(R"({"a":1})"));
  EXPECT_EQ(failure(R"({"a":1})", R"([{"path":"/a"}])"), "Unexpected kind: unknown");
  EXPECT_EQ(failure(R"({"a":1})", "[null]"), "Unexpected kind: unknown");
  EXPECT_EQ(apply(R"({"a":1})", "null"), j(R"({"a":1})"));  // decodes to an empty patch
  EXPECT_EQ(apply(R"({"a":1})", "[]"), j(R"({"a":1})"));
}

TEST(SimPatchJson, BodiesThatAreNotOperationListsAre400) {
  PatchError not_list = refused(apply_json_patch(j("{}"), j(R"({"op":"add"})")));
  EXPECT_EQ(not_list.code, 400);
  EXPECT_EQ(not_list.reason, "BadRequest");
  EXPECT_EQ(not_list.message, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  PatchError not_ops = refused(apply_json_patch(j("{}"), j(R"([{"op":"test","path":"/a"},"add"])")));
  EXPECT_EQ(not_ops.code, 400);
  EXPECT_EQ(not_ops.message, "json: cannot unmarshal string into Go value of type jsonpatch.Operation");
}

TEST(SimPatchJson, MoreThanTenThousandOperationsIs413) {
  json ops = json::array();
  for (std::size_t i = 0; i < k_max_json_patch_ops; ++i) {
    ops.push_back(j(R"({"op":"test","path":"/a","value":1})"));
  }
  EXPECT_EQ(patched(apply_json_patch(j(R"({"a":1})"), ops)), j(R"({"a":1})"));
  ops.push_back(ops[0]);
  PatchError e = refused(apply_json_patch(j(R"({"a":1})"), ops));
  EXPECT_EQ(e.code, 413);
  EXPECT_EQ(e.reason, "RequestEntityTooLarge");
  EXPECT_EQ(e.message, "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
}

}  // namespace
}  // namespace dl::sim::api
