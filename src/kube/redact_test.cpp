// Secret material never reaches a log line: unit checks of the redactors, and a sweep that
// drives the client through secrets, tokens, watches and failures at the highest verbosity and
// scans every captured byte (log lines and error messages) for the secrets involved.
#include "kube/redact.h"

#include <gtest/gtest.h>

#include "kube/client.h"
#include "kube/curl_transport.h"
#include "kube/test_support.h"
#include "kube/watch.h"
#include "util/base64.h"

namespace dl::kube {
namespace {

using testing::SimFixture;

TEST(Redact, SecretDataTokensAndAuthsAreHidden) {
  std::string secret = R"({"kind":"Secret","metadata":{"name":"s"},"data":{".dockerconfigjson":"c2VjcmV0"},"type":"x"})";
  std::string out = redact_body(secret);
  EXPECT_EQ(out.find("c2VjcmV0"), std::string::npos) << out;
  EXPECT_NE(out.find("\"name\":\"s\""), std::string::npos) << "the rest stays readable";
  std::string list = R"({"kind":"SecretList","items":[{"kind":"Secret","data":{"a":"QUFB"}}]})";
  EXPECT_EQ(redact_body(list).find("QUFB"), std::string::npos);
  std::string tr = R"({"kind":"TokenRequest","status":{"token":"eyJhbGciOi.xyz"}})";
  EXPECT_EQ(redact_body(tr).find("eyJhbGciOi"), std::string::npos);
  std::string auths = R"({"auths":{"r":{"auth":"dTpw"}}})";
  EXPECT_EQ(redact_body(auths).find("dTpw"), std::string::npos);
  EXPECT_EQ(redact_body("token=abc not json"), "<redacted: 18 bytes>");
  EXPECT_EQ(redact_body("plain text"), "plain text");
  std::string h = redact_headers({{"Authorization", "Bearer abc"}, {"Accept", "application/json"}});
  EXPECT_EQ(h, "Accept: application/json\nAuthorization: <redacted>");
}

TEST(Redact, NoSecretInAnyLogLineAtHighestVerbosity) {
  SimFixture f;
  std::vector<std::string> lines;
  std::mutex mu;
  CurlOptions co;
  co.verbosity = 10;
  co.log = [&](int, const std::string& line) {
    std::lock_guard<std::mutex> lock(mu);
    lines.push_back(line);
  };
  ClientConfig config = f.config();
  Client client(config, std::make_unique<CurlTransport>(config, co));
  const std::string password = "hunter2-very-secret";
  const std::string auth = util::base64_encode("builder:" + password);
  const std::string docker = R"({"auths":{"registry.example":{"auth":")" + auth + R"("}}})";
  json secret = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"type", "kubernetes.io/dockerconfigjson"},
                 {"metadata", {{"name", "push-secret"}}},
                 {"data", {{".dockerconfigjson", util::base64_encode(docker)}}}};
  ResourceRef secrets{"", "v1", "secrets", "default", "", ""};
  std::vector<std::string> errors;
  ASSERT_TRUE(client.create(secrets, secret).ok());
  ASSERT_TRUE(client.get(with_name(secrets, "push-secret")).ok());
  ASSERT_TRUE(client.list(secrets).ok());
  auto tr = client.create_subresource({"", "v1", "serviceaccounts", "openshift-machine-config-operator", "builder",
                                       "token"},
                                      {{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "TokenRequest"},
                                       {"spec", {{"expirationSeconds", 600}}}});
  ASSERT_TRUE(tr.ok());
  std::string minted = (*tr)["status"]["token"];
  WatchOptions wo;
  wo.resource_version = "";
  (void)watch_once(client, secrets, wo, [](const WatchEvent& e) { return e.type != "ADDED"; });
  ASSERT_TRUE(client.patch(with_name(secrets, "push-secret"), PatchType::merge,
                           json{{"stringData", {{"password", password}}}}.dump()).ok());
  auto dup = client.create(secrets, secret);  // 409 with the object named
  ASSERT_FALSE(dup.ok());
  errors.push_back(dup.error().message);
  ClientConfig refused = config;
  refused.token = "sha256~wrong-token-value";
  Client bad(refused, std::make_unique<CurlTransport>(refused, co));
  auto denied = bad.get(secrets);
  ASSERT_FALSE(denied.ok());
  errors.push_back(denied.error().message);
  ASSERT_GT(lines.size(), 10u);
  std::vector<std::string> forbidden = {config.token, minted, password, auth, util::base64_encode(docker),
                                        "sha256~wrong-token-value"};
  for (const auto& s : forbidden) {
    ASSERT_FALSE(s.empty());
    for (const auto& l : lines) {
      EXPECT_EQ(l.find(s), std::string::npos) << "secret in log line: " << l;
    }
    for (const auto& e : errors) {
      EXPECT_EQ(e.find(s), std::string::npos) << "secret in error: " << e;
    }
  }
  bool saw_body = false;
  for (const auto& l : lines) {
    saw_body = saw_body || l.find("Response Body:") != std::string::npos;
  }
  EXPECT_TRUE(saw_body) << "verbosity 10 logs bodies (redacted)";
}

}  // namespace
}  // namespace dl::kube
