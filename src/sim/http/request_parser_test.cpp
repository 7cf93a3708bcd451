#include "sim/http/request_parser.h"

#include <gtest/gtest.h>

#include <regex>

#include "sim/http/response_writer.h"

namespace dl::sim::http {
namespace {

RequestHead parse_ok(std::string_view head) {
  auto parsed = parse_head(head);
  EXPECT_TRUE(std::holds_alternative<RequestHead>(parsed))
      << (std::holds_alternative<HttpFailure>(parsed) ? std::get<HttpFailure>(parsed).message : "");
  return std::holds_alternative<RequestHead>(parsed) ? std::get<RequestHead>(parsed) : RequestHead{};
}

int failure_status(std::string_view head) {
  auto parsed = parse_head(head);
  return std::holds_alternative<HttpFailure>(parsed) ? std::get<HttpFailure>(parsed).status : 0;
}

int framing_status(const Headers& headers, size_t max = 100) {
  auto f = body_framing(headers, max);
  return std::holds_alternative<HttpFailure>(f) ? std::get<HttpFailure>(f).status : 0;
}

TEST(SimHttpParser, ParsesRequestLineHeadersAndQuery) {
  RequestHead h = parse_ok(
      "GET /api/v1/namespaces/a%20b/pods?labelSelector=app%3Dx%2Cy+z&watch=true&flag HTTP/1.1\r\n"
      "Host: 127.0.0.1\r\nAccept:  application/json \r\nX-Multi: 1\r\nx-multi: 2\r\n");
  EXPECT_EQ(h.method, "GET");
  EXPECT_EQ(h.path, "/api/v1/namespaces/a b/pods");
  EXPECT_EQ(h.raw_query, "labelSelector=app%3Dx%2Cy+z&watch=true&flag");
  ASSERT_EQ(h.query.size(), 3U);
  EXPECT_EQ(h.query[0], (std::pair<std::string, std::string>{"labelSelector", "app=x,y z"}));
  EXPECT_EQ(h.query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(find_header(h.headers, "accept"), "application/json");
  EXPECT_EQ(h.headers.size(), 4U);
  EXPECT_EQ(h.headers[3].first, "x-multi");
  EXPECT_EQ(h.minor_version, 1);
}

TEST(SimHttpParser, AcceptsBareLfLeadingBlankLinesAndAbsoluteForm) {
  RequestHead h = parse_ok("\r\nPOST http://example.test:6443/apis/x?y=1 HTTP/1.0\nHost: a\n");
  EXPECT_EQ(h.path, "/apis/x");
  EXPECT_EQ(h.raw_query, "y=1");
  EXPECT_EQ(h.minor_version, 0);
  EXPECT_EQ(find_header(h.headers, "host"), "a");
}

TEST(SimHttpParser, RejectsMalformedRequests) {
  EXPECT_EQ(failure_status("GARBAGE\r\n"), 400);
  EXPECT_EQ(failure_status("GET  / HTTP/1.1\r\n"), 400);
  EXPECT_EQ(failure_status("GET / HTTP/1.1 extra\r\n"), 400);
  EXPECT_EQ(failure_status("G(T / HTTP/1.1\r\n"), 400);
  EXPECT_EQ(failure_status("GET relative HTTP/1.1\r\n"), 400);
  EXPECT_EQ(failure_status("GET /%zz HTTP/1.1\r\n"), 400);
  EXPECT_EQ(failure_status("GET / HTTX/1.1\r\n"), 400);
  EXPECT_EQ(failure_status("GET / HTTP/2.0\r\n"), 505);
  EXPECT_EQ(failure_status("GET / HTTP/1.1\r\nNoColon\r\n"), 400);
  EXPECT_EQ(failure_status("GET / HTTP/1.1\r\nBad Name: x\r\n"), 400);
  EXPECT_EQ(failure_status("GET / HTTP/1.1\r\nA: b\r\n folded\r\n"), 400);
  EXPECT_EQ(failure_status(std::string_view("GET / HTTP/1.1\r\nA: b\0c\r\n", 24)), 400);
}

TEST(SimHttpParser, PercentDecoding) {
  EXPECT_EQ(percent_decode("a%2Fb+c", false), "a/b+c");
  EXPECT_EQ(percent_decode("a%2fb+c", true), "a/b c");
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_FALSE(percent_decode("%", false));
  EXPECT_FALSE(percent_decode("%g0", false));
  auto q = parse_query("a=1&&b=%3D&c");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->size(), 3U);
  EXPECT_EQ((*q)[1].second, "=");
}

TEST(SimHttpParser, BodyFraming) {
  auto f = body_framing({{"content-length", "12"}}, 100);
  ASSERT_TRUE(std::holds_alternative<BodyFraming>(f));
  EXPECT_EQ(std::get<BodyFraming>(f).length, 12U);
  auto chunked = body_framing({{"transfer-encoding", "Chunked"}}, 100);
  ASSERT_TRUE(std::holds_alternative<BodyFraming>(chunked));
  EXPECT_EQ(std::get<BodyFraming>(chunked).kind, BodyFraming::Kind::chunked);
  EXPECT_EQ(std::get<BodyFraming>(body_framing({}, 100)).kind, BodyFraming::Kind::none);
  EXPECT_EQ(framing_status({{"content-length", "12, 12"}}), 0);
  EXPECT_EQ(framing_status({{"content-length", "12"}, {"content-length", "13"}}), 400);
  EXPECT_EQ(framing_status({{"content-length", "-1"}}), 400);
  EXPECT_EQ(framing_status({{"content-length", "1x"}}), 400);
  EXPECT_EQ(framing_status({{"content-length", "99999999999999999999999"}}), 400);
  EXPECT_EQ(framing_status({{"content-length", "101"}}), 413);
  EXPECT_EQ(framing_status({{"transfer-encoding", "gzip, chunked"}}), 501);
  EXPECT_EQ(framing_status({{"transfer-encoding", "chunked"}, {"content-length", "3"}}), 400);
}

TEST(SimHttpParser, ChunkSizeLines) {
  EXPECT_EQ(parse_chunk_size("1a"), 26U);
  EXPECT_EQ(parse_chunk_size("1A;name=value"), 26U);
  EXPECT_EQ(parse_chunk_size("0"), 0U);
  EXPECT_EQ(parse_chunk_size("10 "), 16U);
  EXPECT_FALSE(parse_chunk_size(""));
  EXPECT_FALSE(parse_chunk_size("xyz"));
  EXPECT_FALSE(parse_chunk_size("1000000000000000"));
}

TEST(SimHttpParser, KeepAliveRules) {
  RequestHead h;
  EXPECT_TRUE(wants_keep_alive(h));
  h.headers = {{"connection", "Keep-Alive, Close"}};
  EXPECT_FALSE(wants_keep_alive(h));
  h.minor_version = 0;
  h.headers = {};
  EXPECT_FALSE(wants_keep_alive(h));
  h.headers = {{"connection", "keep-alive"}};
  EXPECT_TRUE(wants_keep_alive(h));
}

TEST(SimHttpParser, RequestAccessors) {
  Request r;
  r.headers = {{"content-type", "application/json"}};
  r.query = {{"watch", "true"}, {"watch", "false"}};
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("missing"), "");
  EXPECT_EQ(r.query_param("watch"), "true");
  EXPECT_FALSE(r.query_param("Watch"));
}

TEST(SimHttpParser, DateAndReasons) {
  EXPECT_EQ(http_date(std::chrono::system_clock::from_time_t(784111777)), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(status_reason(413), "Content Too Large");
  EXPECT_EQ(status_reason(299), "Unknown");
  std::string failure = format_failure({431, "too big"});
  EXPECT_TRUE(std::regex_search(failure, std::regex("^HTTP/1\\.1 431 Request Header Fields Too Large\r\n")));
  EXPECT_NE(failure.find("Connection: close\r\n"), std::string::npos);
}

}  // namespace
}  // namespace dl::sim::http
