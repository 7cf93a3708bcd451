#include "kube/retry.h"

#include <gtest/gtest.h>

#include <deque>

#include "kube/client.h"

namespace dl::kube {
namespace {

using std::chrono::milliseconds;

/// Answers from a script: each entry a response or a transport error; counts requests.
class ScriptedTransport final : public Transport {
 public:
  explicit ScriptedTransport(std::deque<util::Result<HttpResponse>> script) : m_script(std::move(script)) {}
  util::Result<HttpResponse> send(const HttpRequest&) override {
    ++sent;
    if (m_script.size() > 1) {
      auto r = m_script.front();
      m_script.pop_front();
      return r;
    }
    return m_script.front();  // the last entry repeats
  }
  util::Result<HttpResponse> stream(const HttpRequest&, std::function<bool(std::string_view)>) override {
    return HttpResponse{200, {}, ""};
  }
  int sent = 0;

 private:
  std::deque<util::Result<HttpResponse>> m_script;
};

util::Result<HttpResponse> ok_json() { return HttpResponse{200, {}, R"({"kind":"Namespace"})"}; }
util::Result<HttpResponse> status(int code) { return HttpResponse{code, {}, ""}; }
util::Result<HttpResponse> reset() { return util::make_error(util::ErrorKind::io, "connection reset by peer"); }
util::Result<HttpResponse> refused() { return util::make_error(util::ErrorKind::unreachable, "connection refused"); }

struct Harness {
  std::vector<milliseconds> sleeps;
  ScriptedTransport* transport = nullptr;
  std::unique_ptr<Client> client;
  explicit Harness(std::deque<util::Result<HttpResponse>> script, RetryPolicy policy = {}) {
    auto t = std::make_unique<ScriptedTransport>(std::move(script));
    transport = t.get();
    policy.sleep = [this](milliseconds d) { sleeps.push_back(d); };
    ClientConfig cfg;
    cfg.server = "https://h";
    cfg.token = "secret-token";
    client = std::make_unique<Client>(cfg, std::move(t), ClientOptions{policy, milliseconds(1000)});
  }
};

const ResourceRef k_ns{"", "v1", "namespaces", "", "default", ""};
const ResourceRef k_cms{"", "v1", "configmaps", "default", "", ""};

TEST(Retry, RetryableTable) {
  struct Case {
    int code;
    util::ErrorKind kind;
    Idempotent idem;
    bool retry;
  };
  using K = util::ErrorKind;
  for (auto c : {Case{429, K::internal, Idempotent::no, true}, Case{503, K::internal, Idempotent::no, true},
                 Case{500, K::internal, Idempotent::yes, true}, Case{500, K::internal, Idempotent::no, false},
                 Case{504, K::timeout, Idempotent::yes, true}, Case{409, K::conflict, Idempotent::yes, false},
                 Case{404, K::not_found, Idempotent::yes, false}, Case{0, K::io, Idempotent::yes, true},
                 Case{0, K::io, Idempotent::no, false}, Case{0, K::timeout, Idempotent::yes, true},
                 Case{0, K::invalid_input, Idempotent::yes, false}}) {
    Error e;
    e.code = c.code;
    e.kind = c.kind;
    EXPECT_EQ(is_retryable(e, c.idem), c.retry) << c.code << " " << static_cast<int>(c.kind);
  }
}

TEST(Retry, BackoffDoublesAndHonoursALongerRetryAfter) {
  RetryPolicy p;
  p.initial_backoff = milliseconds(100);
  EXPECT_EQ(backoff_delay(p, 1, std::nullopt), milliseconds(100));
  EXPECT_EQ(backoff_delay(p, 3, std::nullopt), milliseconds(400));
  EXPECT_EQ(backoff_delay(p, 3, 2), milliseconds(2000));
  EXPECT_EQ(backoff_delay(p, 1, 0), milliseconds(100));
  EXPECT_EQ(backoff_delay(p, 4, 0), milliseconds(800));  // the longer of the two
}

TEST(Retry, ConnectionErrorsRetriedForGetNotForPost) {
  Harness get({ok_json(), reset(), reset(), ok_json()});
  ASSERT_TRUE(get.client->get(k_ns).ok());  // the server answered once: later resets are an outage
  auto r = get.client->get(k_ns);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(get.transport->sent, 4);
  EXPECT_EQ(get.sleeps, (std::vector<milliseconds>{milliseconds(200), milliseconds(400)}));

  Harness never({refused(), refused(), ok_json()});
  auto n = never.client->get(k_ns);
  ASSERT_FALSE(n.ok());  // nothing listens where no server ever answered: tried twice, then reported
  EXPECT_EQ(never.transport->sent, 2);
  EXPECT_NE(n.error().message.find("gave up after 2 attempt(s)"), std::string::npos) << n.error().message;

  Harness later({ok_json(), refused(), refused(), ok_json()});
  ASSERT_TRUE(later.client->get(k_ns).ok());
  EXPECT_TRUE(later.client->create(k_cms, {{"metadata", {{"name", "x"}}}}).ok());  // a restart: even a POST goes again
  EXPECT_EQ(later.transport->sent, 4);

  Harness named({reset(), ok_json()});  // a named create cannot make a duplicate: resent
  EXPECT_TRUE(named.client->create(k_cms, {{"metadata", {{"name", "x"}}}}).ok());
  EXPECT_EQ(named.transport->sent, 2);

  Harness post({reset(), ok_json()});  // a generated name could: a lost answer is reported
  auto c = post.client->create(k_cms, {{"metadata", {{"generateName", "x-"}}}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(post.transport->sent, 1);
  EXPECT_EQ(c.error().kind, util::ErrorKind::io);
  EXPECT_EQ(c.error().message, "POST /api/v1/namespaces/default/configmaps?fieldManager=doca-layer: connection reset by peer");
}

TEST(Retry, ApplyAndMergePatchAreRetriedJsonPatchIsNot) {
  Harness apply({status(500), ok_json()});
  EXPECT_TRUE(apply.client->patch(k_ns, PatchType::apply, "{}").ok());
  EXPECT_EQ(apply.transport->sent, 2);
  Harness merge({status(502), ok_json()});
  EXPECT_TRUE(merge.client->patch(k_ns, PatchType::merge, "{}").ok());
  EXPECT_EQ(merge.transport->sent, 2);
  Harness json_patch({status(500), ok_json()});
  EXPECT_FALSE(json_patch.client->patch(k_ns, PatchType::json_patch, "[]").ok());
  EXPECT_EQ(json_patch.transport->sent, 1);
}

TEST(Retry, BoundedByAttemptsAndByTotalBackoff) {
  Harness attempts({status(503)});
  auto r = attempts.client->get(k_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(attempts.transport->sent, 8);
  EXPECT_EQ(r.error().message,
            "GET /api/v1/namespaces/default: an error on the server (\"\") has prevented the request from succeeding "
            "(503); gave up after 8 attempt(s) and 16200 ms of backoff");  // 200..3200 doubling, then 5000 twice

  RetryPolicy tight;
  tight.max_total_backoff = milliseconds(2500);
  Harness budget({HttpResponse{429, {{"retry-after", "2"}}, ""}}, tight);
  auto b = budget.client->get(k_ns);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(budget.transport->sent, 2);  // 2 s waited; another 2 s would pass 2.5 s
  EXPECT_EQ(budget.sleeps, std::vector<milliseconds>{milliseconds(2000)});
}

TEST(Retry, RetryOnConflictRerunsOnlyConflicts) {
  int calls = 0;
  auto r = retry_on_conflict(5, [&]() -> KubeResult<int> {
    if (++calls < 3) {
      return Error{util::ErrorKind::conflict, 409, "Conflict", "stale", {}, {}};
    }
    return calls;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);

  calls = 0;
  auto exists = retry_on_conflict(5, [&]() -> KubeResult<int> {
    ++calls;
    return Error{util::ErrorKind::conflict, 409, "AlreadyExists", "exists", {}, {}};
  });
  EXPECT_FALSE(exists.ok());
  EXPECT_EQ(calls, 1);

  calls = 0;
  auto gives_up = retry_on_conflict(3, [&]() -> KubeResult<int> {
    ++calls;
    return Error{util::ErrorKind::conflict, 409, "Conflict", "stale", {}, {}};
  });
  EXPECT_FALSE(gives_up.ok());
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace dl::kube
