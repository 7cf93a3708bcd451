// Streaming responses (watch, logs -f): per-chunk flushing, and ending streams on
// client close, drop_connections() and stop().
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "sim/http/server.h"
#include "sim/http/test_support.h"

namespace dl::sim::http {
namespace {

using namespace std::chrono_literals;
using testing::BackgroundCommand;
using testing::Counter;
using testing::run_command;
using testing::TlsServer;

/// Streams "tick N" lines until the client or the server ends the connection.
struct EndlessStream {
  Counter started;
  Counter ended;
  std::atomic<bool> saw_peer_gone{false};

  void operator()(const Request& req, ResponseWriter& w) {
    if (req.path != "/stream") {
      w.send(200, {}, "ok");
      return;
    }
    w.start_stream(200, {{"Content-Type", "application/json"}});
    started.add();
    for (int i = 0; w.write_chunk("tick " + std::to_string(i) + "\n"); ++i) std::this_thread::sleep_for(20ms);
    saw_peer_gone = w.peer_gone();
    ended.add();
  }
};

TEST(SimHttpStream, EachChunkReachesClientBeforeNextIsWritten) {
  Counter acks;
  std::atomic<int> acked_in_time{0};
  TlsServer s([&](const Request& req, ResponseWriter& w) {
    if (req.path == "/ack") {
      acks.add();
      w.send(200, {}, "");
      return;
    }
    w.start_stream(200, {{"Content-Type", "application/json"}});
    for (int i = 1; i <= 3; ++i) {
      w.write_chunk("{\"type\":\"ADDED\",\"n\":" + std::to_string(i) + "}\n");
      if (acks.wait_for(i, 5s)) ++acked_in_time;  // the client read this chunk before the next exists
      std::this_thread::sleep_for(30ms);
    }
    w.end_stream();
  });
  auto r = run_command(s.python() + "stream /watch");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output,
            "status 200 chunked\nline {\"type\":\"ADDED\",\"n\":1}\nline {\"type\":\"ADDED\",\"n\":2}\n"
            "line {\"type\":\"ADDED\",\"n\":3}\nend 3\n");
  EXPECT_EQ(acked_in_time.load(), 3);
}

TEST(SimHttpStream, CurlSeesEachLineOfAFollowStream) {
  TlsServer s([](const Request&, ResponseWriter& w) {
    w.start_stream(200, {{"Content-Type", "text/plain"}});
    for (int i = 0; i < 3; ++i) {
      w.write_chunk("log line " + std::to_string(i) + "\n");
      std::this_thread::sleep_for(50ms);
    }
    w.end_stream();
  });
  auto r = run_command(s.curl() + "-N " + s.url("/logs?follow=true"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "log line 0\nlog line 1\nlog line 2\n");
}

TEST(SimHttpStream, ClientCloseIsSeenAsPeerGone) {
  EndlessStream handler;
  TlsServer s(std::ref(handler));
  auto r = run_command(s.python() + "stream-then-close /stream");
  EXPECT_EQ(r.output, "first tick 0\n");
  EXPECT_TRUE(handler.ended.wait_for(1, 3s));
  EXPECT_TRUE(handler.saw_peer_gone.load());
}

TEST(SimHttpStream, DropConnectionsEndsOpenStreamButKeepsServing) {
  EndlessStream handler;
  TlsServer s(std::ref(handler));
  BackgroundCommand watch(s.curl() + "-N " + s.url("/stream"));
  ASSERT_TRUE(handler.started.wait_for(1, 10s));
  std::this_thread::sleep_for(100ms);
  s.server.drop_connections();
  EXPECT_TRUE(handler.ended.wait_for(1, 2s));
  EXPECT_TRUE(handler.saw_peer_gone.load());
  auto watched = watch.finish();
  EXPECT_NE(watched.exit_code, 0);  // the stream was cut before its last chunk
  EXPECT_NE(watched.output.find("tick 0\n"), std::string::npos) << watched.output;
  auto again = run_command(s.curl() + s.url("/after"));
  EXPECT_EQ(again.output, "ok");
}

TEST(SimHttpStream, StopReturnsQuicklyWithStreamsOpen) {
  EndlessStream handler;
  TlsServer s(std::ref(handler));
  BackgroundCommand a(s.curl() + "-N " + s.url("/stream"));
  BackgroundCommand b(s.curl() + "-N " + s.url("/stream"));
  BackgroundCommand idle(s.python() + "get /echo --n 1");  // an idle keep-alive connection too
  ASSERT_TRUE(handler.started.wait_for(2, 10s));
  auto start = std::chrono::steady_clock::now();
  s.server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(handler.ended.value(), 2);
  EXPECT_TRUE(handler.saw_peer_gone.load());
  a.finish();
  b.finish();
  idle.finish();
}

}  // namespace
}  // namespace dl::sim::http
