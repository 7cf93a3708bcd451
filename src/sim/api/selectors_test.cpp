#include "sim/api/selectors.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dl::sim::api {
namespace {

using nlohmann::json;

const std::string k_name_regex_msg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const std::string k_value_regex_msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const std::string k_gt_msg = "for 'Gt', 'Lt' operators, the value must be an integer";
const std::string k_operators = "expected: in, notin, =, ==, !=, gt, lt";

struct LabelCase {
  std::string selector;
  json labels;
  bool matches;
};

TEST(SimApiLabelSelector, MatchesLikeApimachinery) {
  const std::vector<LabelCase> cases = {
      {"", json::object(), true},
      {"   ", nullptr, true},
      {"app=web", {{"app", "web"}}, true},
      {"app=web", {{"app", "db"}}, false},
      {"app=web", json::object(), false},
      {"app=web", nullptr, false},
      {"app==web", {{"app", "web"}, {"x", "y"}}, true},
      {"app!=web", json::object(), true},
      {"app!=web", {{"app", "web"}}, false},
      {"app != db", {{"app", "web"}}, true},
      {"env in (prod, staging)", {{"env", "staging"}}, true},
      {"env in (prod,staging)", {{"env", "dev"}}, false},
      {"env in (prod)", json::object(), false},
      {"env notin (prod)", json::object(), true},
      {"env notin (prod)", {{"env", "prod"}}, false},
      {"tier", {{"tier", ""}}, true},
      {"tier", json::object(), false},
      {"!tier", json::object(), true},
      {"!tier", {{"tier", "x"}}, false},
      {"gpu>2", {{"gpu", "3"}}, true},
      {"gpu>2", {{"gpu", "2"}}, false},
      {"gpu>2", {{"gpu", "many"}}, false},
      {"gpu>2", json::object(), false},
      {"gpu<2", {{"gpu", "1"}}, true},
      {"gpu<10", {{"gpu", "9"}}, true},
      {"gpu<10", {{"gpu", "+9"}}, true},  // ParseInt accepts a sign
      {"example.com/role=worker,!example.com/legacy", {{"example.com/role", "worker"}}, true},
      {"example.com/role=worker,!example.com/legacy",
       {{"example.com/role", "worker"}, {"example.com/legacy", "1"}},
       false},
      {"a=", {{"a", ""}}, true},
      {"a=", json::object(), false},
      {"a in ()", {{"a", ""}}, true},
      {"a in (,b)", {{"a", ""}}, true},
      {"a in (b,)", {{"a", "b"}}, true},
      {"in in (in,notin)", {{"in", "notin"}}, true},
      {"a,b", {{"a", "1"}}, false},
      {"a,b", {{"a", "1"}, {"b", "2"}}, true},
      {"a", {{"a", 1}}, false},  // a non-string label value counts as absent
      {"a=b", json::array({"a"}), false},
  };
  for (const LabelCase& c : cases) {
    auto sel = LabelSelector::parse(c.selector);
    ASSERT_TRUE(sel.ok()) << c.selector << ": " << sel.error().message;
    EXPECT_EQ(sel->matches(c.labels), c.matches) << c.selector << " on " << c.labels.dump();
  }
}

TEST(SimApiLabelSelector, ParsesRequirementsSortedByKey) {
  auto sel = LabelSelector::parse("b in (y,x,x),a>1,!c");
  ASSERT_TRUE(sel.ok()) << sel.error().message;
  ASSERT_EQ(sel->requirements().size(), 3U);
  EXPECT_EQ(sel->requirements()[0].key, "a");
  EXPECT_EQ(sel->requirements()[0].op, LabelSelector::Op::greater_than);
  EXPECT_EQ(sel->requirements()[1].values, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(sel->requirements()[2].op, LabelSelector::Op::does_not_exist);
  EXPECT_FALSE(sel->empty());
  EXPECT_TRUE(LabelSelector::parse("")->empty());
}

struct ErrorCase {
  std::string selector;
  std::string message;
};

TEST(SimApiLabelSelector, ReportsApimachineryErrors) {
  const std::string prefix = "unable to parse requirement: ";
  const std::vector<ErrorCase> cases = {
      {"a b", prefix + "found 'b', " + k_operators},
      {"a b=c", prefix + "found 'b', " + k_operators},
      {"a=b,", "found '', expected: identifier after ','"},
      {"a=b,,c", "found ',', expected: identifier after ','"},
      {"a=b c", "found 'c', expected: ',' or 'end of string'"},
      {"!a=b", "found '=', expected: ',' or 'end of string'"},
      {",a", "found ',', expected: !, identifier, or 'end of string'"},
      {"=a", "found '=', expected: !, identifier, or 'end of string'"},
      {"!", prefix + "found '', expected: identifier"},
      {"!!a", prefix + "found '!', expected: identifier"},
      {"a=(b)", prefix + "found '(', expected: identifier"},
      {"a in b", prefix + "found 'b' expected: '('"},
      {"a in (b", prefix + "found '', expected: ',' or ')'"},
      {"a in (b c)", prefix + "found 'c', expected: ',' or ')'"},
      {"a in (=)", prefix + "found '=', expected: ',', ')' or identifier"},
      {"a in (b,=)", prefix + "found '=', expected: ',', or identifier"},
      {"a>b", prefix + "values[0]: Invalid value: \"b\": " + k_gt_msg},
      {"a<", prefix + "values[0]: Invalid value: \"\": " + k_gt_msg},
      {"a>b@", prefix + "[values[0]: Invalid value: \"b@\": " + k_gt_msg +
                   ", values[0][a]: Invalid value: \"b@\": " + k_value_regex_msg + "]"},
      {"app:monolith", prefix + "<nil>: Invalid value: \"app:monolith\": name part " + k_name_regex_msg},
      {"a/b/c=d", prefix + "<nil>: Invalid value: \"a/b/c\": a qualified name " + k_name_regex_msg +
                      " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"},
      {"Example.com/x", prefix + "<nil>: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain "
                                 "must consist of lower case alphanumeric characters, '-' or '.', and must start and "
                                 "end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                                 "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
      {"/a", prefix + "<nil>: Invalid value: \"/a\": prefix part must be non-empty"},
      {"a/", prefix + "<nil>: Invalid value: \"a/\": name part must be non-empty; name part " + k_name_regex_msg},
      {std::string(64, 'k'),
       prefix + "<nil>: Invalid value: \"" + std::string(64, 'k') + "\": name part must be no more than 63 characters"},
      {"good-key=" + std::string(64, 'z'), prefix + "values[0][good-key]: Invalid value: \"" + std::string(64, 'z') +
                                               "\": must be no more than 63 characters"},
      {"a=b@c", prefix + "values[0][a]: Invalid value: \"b@c\": " + k_value_regex_msg},
      {"x in (c,a@b)", prefix + "values[0][x]: Invalid value: \"a@b\": " + k_value_regex_msg},
      {"a\"b", prefix + "<nil>: Invalid value: \"a\\\"b\": name part " + k_name_regex_msg},
      {std::string("a\x01"), prefix + "<nil>: Invalid value: \"a\\x01\": name part " + k_name_regex_msg},
  };
  for (const ErrorCase& c : cases) {
    auto sel = LabelSelector::parse(c.selector);
    ASSERT_FALSE(sel.ok()) << c.selector;
    EXPECT_EQ(sel.error().kind, util::ErrorKind::invalid_input);
    EXPECT_EQ(sel.error().message, c.message) << c.selector;
  }
}

const std::vector<std::string> k_pod_fields = {"spec.nodeName", "status.phase"};

struct FieldCase {
  std::string selector;
  std::vector<std::string> extras;
  json object;
  bool matches;
};

TEST(SimApiFieldSelector, MatchesDottedPaths) {
  const json web = json::parse(R"({"metadata":{"name":"web","namespace":"default"},"status":{"phase":"Running"}})");
  const std::vector<FieldCase> cases = {
      {"", {}, web, true},
      {"metadata.name=web", {}, web, true},
      {"metadata.name==web", {}, web, true},
      {"metadata.name=db", {}, web, false},
      {"metadata.name!=web", {}, web, false},
      {"metadata.namespace!=kube-system,metadata.name=web", {}, web, true},
      {"spec.nodeName=", k_pod_fields, web, true},  // never scheduled: missing reads as ""
      {"spec.nodeName!=", k_pod_fields, web, false},
      {"status.phase!=Running,spec.nodeName=node1", k_pod_fields, web, false},
      {"status.phase=Running", k_pod_fields, web, true},
      {"metadata.name=a\\,b", {}, json::parse(R"({"metadata":{"name":"a,b"}})"), true},
      {"metadata.name=a\\=b\\\\", {}, json::parse(R"({"metadata":{"name":"a=b\\"}})"), true},
      {"spec.unschedulable=true", {"spec.unschedulable"}, json::parse(R"({"spec":{"unschedulable":true}})"), true},
      {"spec.unschedulable=true", {"spec.unschedulable"}, json::parse(R"({"spec":{}})"), false},
      {"type=kubernetes.io/dockerconfigjson",
       {"type"},
       json::parse(R"({"type":"kubernetes.io/dockerconfigjson"})"),
       true},
      {"involvedObject.kind=Pod,involvedObject.name=web",
       {"involvedObject.name", "involvedObject.kind"},
       json::parse(R"({"involvedObject":{"kind":"Pod","name":"web"}})"),
       true},
      {"metadata.name=web", {}, json::parse(R"({"metadata":"web"})"), false},
  };
  for (const FieldCase& c : cases) {
    auto sel = FieldSelector::parse(c.selector, c.extras);
    ASSERT_TRUE(sel.ok()) << c.selector << ": " << sel.error().message;
    EXPECT_EQ(sel->matches(c.object), c.matches) << c.selector << " on " << c.object.dump();
  }
}

TEST(SimApiFieldSelector, ExactNameIsTheFirstEqualityOnName) {
  EXPECT_EQ(FieldSelector::parse("metadata.name=web", {})->exact_name(), "web");
  EXPECT_EQ(FieldSelector::parse("metadata.namespace=a,metadata.name==b", {})->exact_name(), "b");
  EXPECT_EQ(FieldSelector::parse("metadata.name!=web", {})->exact_name(), std::nullopt);
  EXPECT_EQ(FieldSelector::parse("", {})->exact_name(), std::nullopt);
  EXPECT_TRUE(FieldSelector::parse("", {})->empty());
  EXPECT_TRUE(FieldSelector::parse(",", {})->empty());
}

TEST(SimApiFieldSelector, ReportsApimachineryErrors) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"foo.bar=baz", R"("foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace")"},
      {"x=1,metadata.name=a", R"("x" is not a known field selector: only "metadata.name", "metadata.namespace")"},
      {"metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"},
      {"zzz=1,metadata.name", "invalid selector: 'zzz=1,metadata.name'; can't understand 'metadata.name'"},
      {"metadata.name=a=b", "invalid field selector: unescaped character in value: 61"},
      {"metadata.name=a\\x", "invalid field selector: invalid escape sequence: \\x"},
      {"metadata.name=a\\", "invalid field selector: invalid escape sequence: \\"},
  };
  for (const auto& [selector, message] : cases) {
    auto sel = FieldSelector::parse(selector, {});
    ASSERT_FALSE(sel.ok()) << selector;
    EXPECT_EQ(sel.error().kind, util::ErrorKind::invalid_input);
    EXPECT_EQ(sel.error().message, message) << selector;
  }
  auto pod = FieldSelector::parse("spec.foo=x", k_pod_fields);
  ASSERT_FALSE(pod.ok());
  EXPECT_EQ(pod.error().message, R"("spec.foo" is not a known field selector: only "metadata.name", )"
                                 R"("metadata.namespace", "spec.nodeName", "status.phase")");
}

}  // namespace
}  // namespace dl::sim::api
