// CurlTransport against the simulator: every way of trusting the server and of proving who we
// are, TLS failures, streams, and unreachable servers.
#include "kube/curl_transport.h"

#include <gtest/gtest.h>

#include "kube/client.h"
#include "kube/test_support.h"
#include "sim/http/tls.h"
#include "util/base64.h"

namespace dl::kube {
namespace {

using testing::SimFixture;

const ResourceRef k_default_ns{"", "v1", "namespaces", "", "default", ""};

/// A kubeconfig for the simulator with the given cluster and user fields.
std::string sim_kubeconfig(const SimFixture& f, const std::string& cluster_fields, const std::string& user_fields) {
  return "clusters:\n- name: sim\n  cluster:\n    server: " + f.server.server_url() + "\n" + cluster_fields +
         "users:\n- name: me\n  user:\n" + user_fields +
         "contexts:\n- name: sim\n  context: {cluster: sim, user: me}\ncurrent-context: sim\n";
}

ClientConfig load(const std::string& path) {
  LoadOptions o;
  o.path = path;
  auto c = load_client_config(o);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? *c : ClientConfig{};
}

TEST(CurlTransportSim, CaFileAndTokenFile) {
  SimFixture f;
  f.dir.write("pki/ca.crt", f.server.tls().ca_cert_pem);
  f.dir.write("pki/token", f.server.admin_token() + "\n");
  auto path = f.dir.write("kc", sim_kubeconfig(f, "    certificate-authority: pki/ca.crt\n", "    tokenFile: pki/token\n"));
  auto r = f.client(load(path))->get(k_default_ns);
  ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(CurlTransportSim, ClientCertificateAuthenticates) {
  SimFixture f;
  auto cert = sim::http::issue_client_cert(f.server.tls(), "admin", {"system:masters"});
  ASSERT_TRUE(cert.ok()) << cert.error().message;
  auto path = f.dir.write(
      "kc", sim_kubeconfig(f, "    certificate-authority-data: " + util::base64_encode(f.server.tls().ca_cert_pem) + "\n",
                           "    client-certificate-data: " + util::base64_encode(cert->first) +
                               "\n    client-key-data: " + util::base64_encode(cert->second) + "\n"));
  ClientConfig cfg = load(path);
  EXPECT_TRUE(cfg.token.empty());
  auto client = f.client(cfg);
  auto r = client->create({"", "v1", "configmaps", "default", "", ""},
                          {{"metadata", {{"name", "by-cert"}}}, {"data", {{"a", "b"}}}});
  ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(CurlTransportSim, InsecureSkipTlsVerifyConnectsWithoutCa) {
  SimFixture f;
  auto path = f.dir.write("kc", sim_kubeconfig(f, "    insecure-skip-tls-verify: true\n",
                                               "    token: " + f.server.admin_token() + "\n"));
  ClientConfig cfg = load(path);
  ASSERT_TRUE(cfg.insecure);
  auto r = f.client(cfg)->get(k_default_ns);
  ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(CurlTransportSim, WrongCaFailsWithTlsErrorAndNoRetry) {
  SimFixture f;
  auto other = sim::http::generate_tls({});
  ASSERT_TRUE(other.ok());
  ClientConfig cfg = f.config();
  cfg.ca_pem = other->ca_cert_pem;
  auto client = f.client(cfg);  // keeps last_transport alive
  auto r = client->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::invalid_input);
  EXPECT_NE(r.error().message.find("TLS verification of " + f.server.server_url() + " failed"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().message.find(cfg.token), std::string::npos);
  EXPECT_EQ(f.last_transport->requests().size(), 1u);
}

TEST(CurlTransportSim, StreamDeliversWatchEventsAndStopsEarly) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create({"", "v1", "configmaps", "default", "", ""}, {{"metadata", {{"name", "w"}}}}).ok());
  CurlTransport transport(f.config());
  HttpRequest req;
  req.url = "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=5";
  req.timeout = std::chrono::milliseconds(0);
  std::string seen;
  auto status = transport.stream(req, [&](std::string_view chunk) {
    seen.append(chunk);
    return seen.find("\"ADDED\"") == std::string::npos;  // stop after the first event
  });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->status, 200);
  EXPECT_NE(seen.find("\"name\":\"w\""), std::string::npos) << seen;
}

TEST(CurlTransportSim, RepeatedRequestsOnOneTransportWithLowerCasedHeaders) {
  SimFixture f;
  CurlTransport transport(f.config());
  HttpRequest req;
  req.url = "/api/v1/namespaces/default";
  for (int i = 0; i < 3; ++i) {
    auto r = transport.send(req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->headers["content-type"].rfind("application/json", 0), 0u);
  }
}

TEST(CurlTransportSim, UnreachableServerRetriesReadsOnly) {
  SimFixture f;
  ClientConfig cfg = f.config();
  cfg.server = "https://127.0.0.1:1";
  auto client = f.client(cfg);
  auto r = client->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::unreachable);
  EXPECT_NE(r.error().message.find("cannot reach https://127.0.0.1:1"), std::string::npos) << r.error().message;
  EXPECT_EQ(f.last_transport->requests().size(), 2u);  // a server that never answered: tried twice
  auto c = client->create({"", "v1", "configmaps", "default", "", ""}, {{"metadata", {{"name", "x"}}}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(f.last_transport->requests().size(), 4u);  // nothing was sent: a POST may be tried again too
}

TEST(CurlTransportSim, AServerThatAnsweredBeforeIsRetriedThroughAnOutage) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->get(k_default_ns).ok());
  f.server.stop();  // the API server goes away after answering
  auto r = client->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(f.last_transport->requests().size(), 1u + static_cast<size_t>(RetryPolicy{}.max_attempts));
}

}  // namespace
}  // namespace dl::kube
