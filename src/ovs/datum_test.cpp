#include "ovs/datum.h"

#include <gtest/gtest.h>

namespace dl::ovs {
namespace {

Datum parse(std::string_view text) {
  auto d = parse_datum(text);
  EXPECT_TRUE(d.ok()) << text << ": offset " << d.error().offset << ": " << d.error().message;
  return d.ok() ? *d : Datum{};
}

DatumError error_of(std::string_view text) {
  auto d = parse_datum(text);
  EXPECT_FALSE(d.ok()) << text << " parsed";
  return d.ok() ? DatumError{} : d.error();
}

TEST(Datum, BareAtomsAreBooleansIntegersOrStrings) {
  EXPECT_EQ(parse("true").as_bool(), true);
  EXPECT_EQ(parse("false\n").as_bool(), false);
  EXPECT_EQ(parse("703").as_integer(), 703);
  EXPECT_EQ(parse("-1").as_integer(), -1);
  EXPECT_EQ(parse("rhel").as_optional_string(), "rhel");
  EXPECT_EQ(parse("7d901c9b-9d18-45ad-a4b3-3cb522ae8cb7").as_optional_string(), "7d901c9b-9d18-45ad-a4b3-3cb522ae8cb7");
  EXPECT_EQ(parse("rhel").as_bool(), std::nullopt);
  EXPECT_EQ(parse("3.3.0040").as_integer(), std::nullopt);
}

TEST(Datum, QuotedStringsAreNeverBooleansAndKeepTheirEscapes) {
  Datum d = parse("\"true\"");
  EXPECT_EQ(d.as_bool(), std::nullopt);
  EXPECT_EQ(d.as_optional_string(), "true");
  EXPECT_EQ(parse("\"12\"").as_integer(), std::nullopt);
  EXPECT_EQ(parse(R"("k\"q")").as_optional_string(), "k\"q");
  EXPECT_EQ(parse(R"("x\\y\/z\t")").as_optional_string(), "x\\y/z\t");
  EXPECT_EQ(parse(R"("caf\u00e9")").as_optional_string(), "caf\xc3\xa9");
  EXPECT_EQ(parse(R"("\ud83d\ude00")").as_optional_string(), "\xf0\x9f\x98\x80");
  EXPECT_EQ(parse(R"("-a 0000:00:00.0")").as_optional_string(), "-a 0000:00:00.0");
}

TEST(Datum, SetsAndTheAbsentOptionalValue) {
  Datum types = parse("[doca, netdev, system]");
  EXPECT_EQ(types.kind, Datum::Kind::set);
  EXPECT_EQ(types.as_string_set(), (std::set<std::string>{"doca", "netdev", "system"}));
  EXPECT_EQ(types.as_optional_string(), std::nullopt);
  Datum empty = parse("[]");
  EXPECT_TRUE(empty.elements.empty());
  EXPECT_EQ(empty.as_optional_string(), std::nullopt);
  EXPECT_EQ(parse("[ \"a b\" ,c ]").as_string_set(), (std::set<std::string>{"a b", "c"}));
  EXPECT_EQ(parse("[7d901c9b-9d18-45ad-a4b3-3cb522ae8cb7]").as_optional_string(),
            "7d901c9b-9d18-45ad-a4b3-3cb522ae8cb7");
}

TEST(Datum, MapsWithQuotedKeysAndValues) {
  Datum m = parse(R"({doca-init="true", dpdk-extra="-a 0000:00:00.0", "k 2"="v", max-idle="20000"})");
  EXPECT_EQ(m.kind, Datum::Kind::map);
  auto map = m.as_string_map();
  EXPECT_EQ(map.size(), 4u);
  EXPECT_EQ(map["doca-init"], "true");
  EXPECT_EQ(map["dpdk-extra"], "-a 0000:00:00.0");
  EXPECT_EQ(map["k 2"], "v");
  EXPECT_TRUE(m.entries[0].second.quoted);
  EXPECT_TRUE(parse("{}").as_string_map().empty());
  EXPECT_EQ(parse("{system=748f4bb7-442e-479a-9923-811ee91408cc}").as_string_map().at("system"),
            "748f4bb7-442e-479a-9923-811ee91408cc");
  auto ids =
      parse(R"({hostname=node1, ovn-remote="unix:/var/run/ovn/ovnsb_db.sock", ovn-chassis-idx-01=""})").as_string_map();
  EXPECT_EQ(ids["ovn-remote"], "unix:/var/run/ovn/ovnsb_db.sock");
  EXPECT_EQ(ids["ovn-chassis-idx-01"], "");
}

TEST(Datum, ErrorsNameTheOffendingOffset) {
  struct Case {
    const char* text;
    size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"", 0, "empty value"},
      {"   ", 3, "empty value"},
      {"[a, b", 5, "expected ',' or ']'"},
      {"[a,,b]", 3, "expected a value"},
      {"{k=v, k2}", 8, "expected '=' after a map key"},
      {"{k=}", 3, "expected a value"},
      {"\"abc", 4, "quoted string is not closed"},
      {"\"a\\qb\"", 2, "unknown escape \\q"},
      {"\"\\u12g4\"", 5, "expected four hex digits after \\u"},
      {"\"\\ud800x\"", 7, "unpaired UTF-16 surrogate"},
      {"a b", 2, "unexpected text after the value"},
      {"[a] x", 4, "unexpected text after the value"},
      {"[{a=b}]", 1, "expected a value"},
      {"{a=b", 4, "expected ',' or '}'"},
      {"{a=", 3, "value ends too early"},
  };
  for (const auto& c : cases) {
    DatumError e = error_of(c.text);
    EXPECT_EQ(e.offset, c.offset) << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
  }
}

TEST(Datum, EveryPrefixOfAValueParsesOrFailsCleanly) {
  const std::string text = R"({a="x\u00e9\"y", "b c"=[d], e=f})";
  for (size_t n = 0; n <= text.size(); ++n) {
    auto d = parse_datum(std::string_view(text).substr(0, n));
    if (!d.ok()) {
      EXPECT_LE(d.error().offset, n);
    }
  }
}

TEST(Datum, CommandLineStringsAreBareOnlyWhenSafe) {
  EXPECT_EQ(vsctl_string_arg("doca-init"), "doca-init");
  EXPECT_EQ(vsctl_string_arg("true"), "true");
  EXPECT_EQ(vsctl_string_arg("20000"), "20000");
  EXPECT_EQ(vsctl_string_arg("-a 0000:00:00.0"), "\"-a 0000:00:00.0\"");
  EXPECT_EQ(vsctl_string_arg(""), "\"\"");
  EXPECT_EQ(vsctl_string_arg("q\"b\\\n"), "\"q\\\"b\\\\\\u000a\"");
  // What ovs-vsctl would print back parses to the same text.
  EXPECT_EQ(parse(vsctl_string_arg("q\"b\\\n")).as_optional_string(), "q\"b\\\n");
}

}  // namespace
}  // namespace dl::ovs
