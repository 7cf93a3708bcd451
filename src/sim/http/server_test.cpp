#include "sim/http/server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <stdexcept>

#include "sim/http/test_support.h"

namespace dl::sim::http {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TlsServer;

/// Echoes the request: "/echo" answers with the raw query; anything else with a description.
void echo(const Request& req, ResponseWriter& w) {
  if (req.path == "/echo") {
    w.send(200, {{"Content-Type", "text/plain"}}, req.raw_query);
    return;
  }
  std::string out = req.method + " " + req.path + " q=" + req.query_param("q").value_or("-") +
                    " x=" + req.header("X-Test") + " len=" + std::to_string(req.body.size()) +
                    " body=" + req.body.substr(0, 40);
  w.send(201, {{"Content-Type", "text/plain"}, {"X-Reply", "yes"}}, out);
}

ServerOptions small_body_options() {
  ServerOptions o;
  o.max_body_bytes = 1024;
  return o;
}

TEST(SimHttpServer, ReportsRequestFieldsToHandler) {
  TlsServer s(echo);
  auto r = run_command(s.curl() + "-i -X PUT -H 'X-Test: hi' --data-binary 'hello' " +
                       shell_quote(s.url("/a%20b?q=x+y%26z")));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("HTTP/1.1 201 Created\r\n"), std::string::npos) << r.output;
  EXPECT_TRUE(std::regex_search(r.output, std::regex("\r\nDate: \\w{3}, \\d\\d \\w{3} \\d{4} [0-9:]{8} GMT\r\n")))
      << r.output;
  EXPECT_NE(r.output.find("X-Reply: yes\r\n"), std::string::npos);
  EXPECT_NE(r.output.find("PUT /a b q=x y&z x=hi len=5 body=hello"), std::string::npos) << r.output;
}

TEST(SimHttpServer, KeepAliveServesManyRequestsOnOneConnection) {
  TlsServer s(echo);
  auto r = run_command(s.python() + "get '/echo?k=1' --n 5");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "200 k=1\n200 k=1\n200 k=1\n200 k=1\n200 k=1\n");
  EXPECT_EQ(s.server.stats().connections, 1U);
  EXPECT_EQ(s.server.stats().requests, 5U);
}

TEST(SimHttpServer, DechunksChunkedRequestBody) {
  TlsServer s(echo);
  auto r = run_command(s.python() + "chunked-post /upload part1- part2- part3");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "201 POST /upload q=- x= len=17 body=part1-part2-part3\n");
}

TEST(SimHttpServer, AnswersExpectContinue) {
  TlsServer s(echo);
  std::string body = s.dir.write("body.bin", std::string(300000, 'b'));
  auto start = std::chrono::steady_clock::now();
  auto r = run_command(s.curl() + "--expect100-timeout 15 -H 'Expect: 100-continue' --data-binary @" +
                       shell_quote(body) + " " + s.url("/up"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("len=300000 body=bbbb"), std::string::npos) << r.output;
  EXPECT_LT(elapsed, std::chrono::seconds(10));  // curl did not wait out its expect timeout
}

TEST(SimHttpServer, FiftyConcurrentKeepAliveConnections) {
  TlsServer s(echo);
  auto r = run_command(s.python() + "concurrent --conns 50 --requests 20");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "done 1000 failures 0\n");
  EXPECT_EQ(s.server.stats().connections, 50U);
  EXPECT_EQ(s.server.stats().requests, 1000U);
}

TEST(SimHttpServer, OversizedBodyGets413) {
  TlsServer s(echo, small_body_options());
  std::string body = s.dir.write("big.bin", std::string(4096, 'b'));
  auto r =
      run_command(s.curl() + "-o /dev/null -w '%{http_code}' --data-binary @" + shell_quote(body) + " " + s.url("/up"));
  EXPECT_EQ(r.output, "413") << r.output;
  auto chunked = run_command(s.python() + "chunked-post /up " + std::string(600, 'a') + " " + std::string(600, 'b'));
  EXPECT_EQ(chunked.output.substr(0, 4), "413 ") << chunked.output;
  auto fits = run_command(s.curl() + "--data-binary 'small' " + s.url("/up"));
  EXPECT_NE(fits.output.find("len=5"), std::string::npos) << fits.output;
}

TEST(SimHttpServer, MalformedRequestLineGets400) {
  TlsServer s(echo);
  auto r = run_command(s.python() + "raw 'GARBAGE\\r\\nHost: x\\r\\n\\r\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, 25), "HTTP/1.1 400 Bad Request\r") << r.output;
  EXPECT_NE(r.output.find("Connection: close"), std::string::npos) << r.output;
}

TEST(SimHttpServer, OversizedHeadersGet431) {
  TlsServer s(echo);
  auto r = run_command(s.python() + "raw 'GET / HTTP/1.1\\r\\nHost: x\\r\\nX-Big: {PAD}\\r\\n\\r\\n' --pad 70000");
  EXPECT_EQ(r.output.substr(0, 46), "HTTP/1.1 431 Request Header Fields Too Large\r\n") << r.output.substr(0, 200);
}

TEST(SimHttpServer, ConnectionCloseIsHonoured) {
  TlsServer s(echo);
  auto r = run_command(s.python() +
                       "raw 'GET /echo?a HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n"
                       "GET /echo?b HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Connection: close\r\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\r\n\r\na"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("HTTP/1.1", 1), std::string::npos) << r.output;  // one response only
}

TEST(SimHttpServer, PipelinedRequestsAreAnsweredInOrder) {
  TlsServer s(echo);
  auto r = run_command(s.python() +
                       "raw 'GET /echo?1 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                       "HEAD /echo?22 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"
                       "GET /echo?3 HTTP/1.0\\r\\n\\r\\n'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::regex framing(
      "Content-Length: 1\r\n\r\n1HTTP/1.1 200 OK\r\n[\\s\\S]*Content-Length: 2\r\n\r\nHTTP/1.1 200 OK\r\n"
      "[\\s\\S]*Connection: close\r\n\r\n3$");
  EXPECT_TRUE(std::regex_search(r.output, framing)) << r.output;
}

TEST(SimHttpServer, HandlerWithoutAnswerOrThrowingGets500) {
  TlsServer s([](const Request& req, ResponseWriter&) {
    if (req.path == "/throw") throw std::runtime_error("boom");
  });
  auto silent = run_command(s.curl() + "-o /dev/null -w '%{http_code}' " + s.url("/silent"));
  EXPECT_EQ(silent.output, "500");
  auto thrown = run_command(s.curl() + "-o /dev/null -w '%{http_code}' " + s.url("/throw"));
  EXPECT_EQ(thrown.output, "500");
}

TEST(SimHttpServer, PlainHttpForTests) {
  Server server;
  ServerOptions o;
  auto port = server.start(o, echo);
  ASSERT_TRUE(port.ok()) << port.error().message;
  auto r = run_command("curl -sS --max-time 20 http://127.0.0.1:" + std::to_string(*port) + "/echo?plain");
  EXPECT_EQ(r.output, "plain");
}

TEST(SimHttpServer, StartValidatesOptions) {
  Server server;
  ServerOptions bad;
  bad.listen = "127.0.0.1:notaport";
  auto r = server.start(bad, echo);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::invalid_input);
  ServerOptions broken_tls;
  broken_tls.tls = TlsMaterial{};
  EXPECT_EQ(server.start(broken_tls, echo).error().kind, util::ErrorKind::invalid_input);
  ASSERT_TRUE(server.start(ServerOptions{}, echo).ok());
  EXPECT_EQ(server.start(ServerOptions{}, echo).error().kind, util::ErrorKind::conflict);
  server.stop();
  server.stop();
}

}  // namespace
}  // namespace dl::sim::http
