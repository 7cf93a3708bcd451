#include "sim/node/jsonrpc.h"

#include <gtest/gtest.h>

namespace dl::sim::node {
namespace {

TEST(JsonSplitter, SplitsBackToBackObjectsAcrossReads) {
  JsonSplitter s;
  EXPECT_TRUE(s.feed(R"({"id":1,"result":{"a":"}{"})").empty());
  auto first = s.feed(R"(,"x":[1,{"b":"\"}"}]}  {"id":2})");
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0], R"({"id":1,"result":{"a":"}{"},"x":[1,{"b":"\"}"}]})");
  EXPECT_EQ(first[1], R"({"id":2})");
  auto second = s.feed("\n[\"\\\\\"]");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0], R"(["\\"])");
}

TEST(Transact, FirstOperationErrorBecomesTheStatus) {
  EXPECT_TRUE(transact_status(nlohmann::json::parse(R"([{"count":1},{}])")).ok());
  auto bad = transact_status(
      nlohmann::json::parse(R"([{"count":1},{"error":"constraint violation","details":"too many rows"},null])"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "constraint violation: too many rows");
  EXPECT_FALSE(transact_status(nlohmann::json::object()).ok());
}

TEST(JsonRpcConnection, ConnectingToNothingIsAnIoError) {
  auto c = JsonRpcConnection::connect("/nonexistent/dl-sim-node.sock");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, util::ErrorKind::io);
}

}  // namespace
}  // namespace dl::sim::node
