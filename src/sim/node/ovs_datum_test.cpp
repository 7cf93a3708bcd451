#include "sim/node/ovs_datum.h"

#include <gtest/gtest.h>

#include "sim/node/memory_db.h"

namespace dl::sim::node {
namespace {

using nlohmann::json;

TEST(OvsDatum, StringsAreQuotedUnlessTheyLookLikeIdentifiers) {
  // Each case as ovs-vsctl 3.1 printed it.
  EXPECT_EQ(atom_to_string("netdev"), "netdev");
  EXPECT_EQ(atom_to_string("a1"), "a1");
  EXPECT_EQ(atom_to_string("nvd-srv-26.x"), "nvd-srv-26.x");
  EXPECT_EQ(atom_to_string("3.1.0"), "\"3.1.0\"");
  EXPECT_EQ(atom_to_string("true"), "\"true\"");
  EXPECT_EQ(atom_to_string(""), "\"\"");
  EXPECT_EQ(atom_to_string("a b"), "\"a b\"");
  EXPECT_EQ(atom_to_string("d899c773-1d94-40e6-949a-84a29e4c0d07"), "\"d899c773-1d94-40e6-949a-84a29e4c0d07\"");
  EXPECT_EQ(atom_to_string("x\ty\"\\"), "\"x\\ty\\\"\\\\\"");
  EXPECT_EQ(atom_to_string("\xc3\xa9"), "\"\xc3\xa9\"");
  EXPECT_EQ(atom_to_string(true), "true");
  EXPECT_EQ(atom_to_string(42), "42");
}

TEST(OvsDatum, SetsMapsAndOptionalValues) {
  ColumnType set{"string", "", 0, -1};
  ColumnType optional{"string", "", 0, 1};
  ColumnType map{"string", "string", 0, -1};
  EXPECT_EQ(datum_to_string(json{"set", {"system", "netdev"}}, set), "[netdev, system]");
  EXPECT_EQ(datum_to_string(json{"set", json::array()}, set), "[]");
  EXPECT_EQ(datum_to_string("one", set), "[one]");
  EXPECT_EQ(datum_to_string(json{"set", json::array()}, optional), "[]");
  EXPECT_EQ(datum_to_string("3.5.0", optional), "\"3.5.0\"");
  json pairs = json::array({json::array({"b", "1"}), json::array({"a", "x"})});
  EXPECT_EQ(datum_to_string(json{"map", pairs}, map), "{a=x, b=\"1\"}");
  EXPECT_EQ(datum_to_string(json{"map", json::array()}, map), "{}");
}

TEST(OvsDatum, ParsesCommandLineAtomsWithOvsVsctlErrors) {
  EXPECT_EQ(*atom_from_string("true", "string"), json("true"));
  EXPECT_EQ(*atom_from_string("\"a b\"", "string"), json("a b"));
  EXPECT_EQ(*atom_from_string("7", "integer"), json(7));
  EXPECT_EQ(*atom_from_string("false", "boolean"), json(false));
  EXPECT_EQ(atom_from_string("abc", "integer").error().message, "\"abc\" is not a valid integer or range");
  EXPECT_EQ(atom_from_string("", "string").error().message,
            "An empty string is not valid as input; use \"\" to represent the empty string");
}

TEST(OvsDatum, ColumnTypesFromTheSchema) {
  ColumnType t = column_type(json::parse(R"({"type":{"key":"string","value":"string","min":0,"max":"unlimited"}})"));
  EXPECT_TRUE(t.is_map());
  EXPECT_EQ(t.max, -1);
  EXPECT_TRUE(column_type(json::parse(R"({"type":"integer"})")).is_scalar());
  EXPECT_EQ(default_datum(column_type(json::parse(R"({"type":"boolean"})"))), json(false));
}

TEST(MemoryDb, NamesMatchLikeOvsVsctl) {
  EXPECT_EQ(score_partial_match("cur_cfg", "cur_cfg"), UINT_MAX);
  EXPECT_EQ(score_partial_match("db_version", "DB-VERSION"), UINT_MAX - 1);
  EXPECT_EQ(score_partial_match("cur_cfg", "cur"), 3u);
  EXPECT_EQ(score_partial_match("cur_cfg", "curx"), 0u);
  EXPECT_EQ(score_partial_match("cur_cfg", ""), 0u);
}

}  // namespace
}  // namespace dl::sim::node
