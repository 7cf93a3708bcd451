// Push credentials: the pure pieces (auths parsing, merge) and, against the simulated cluster,
// that the global pull secret is never written and a good token is reused.
#include "workflow/credentials.h"

#include <gtest/gtest.h>

#include <ctime>

#include "util/base64.h"
#include "workflow/test_support.h"

namespace dl::workflow {
namespace {

json secret_with(const std::string& type, const std::string& dockerconfig) {
  return {{"kind", "Secret"}, {"metadata", {{"name", "s"}, {"namespace", "n"}}}, {"type", type},
          {"data", {{".dockerconfigjson", util::base64_encode(dockerconfig)}}}};
}

TEST(Credentials, DockerAuthsAcceptsAValidSecret) {
  auto a = docker_auths(secret_with("kubernetes.io/dockerconfigjson", R"({"auths":{"quay.io":{"auth":"eA=="}}})"));
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->contains("quay.io"));
}

TEST(Credentials, DockerAuthsNamesWhatIsBrokenWithoutQuotingIt) {
  auto wrong_type = docker_auths(secret_with("Opaque", "{}"));
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_NE(wrong_type.error().message.find("not kubernetes.io/dockerconfigjson"), std::string::npos);
  auto not_json = docker_auths(secret_with("kubernetes.io/dockerconfigjson", "{\"auths\": sekrit"));
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().message.find("sekrit"), std::string::npos) << not_json.error().message;
  auto no_auths = docker_auths(secret_with("kubernetes.io/dockerconfigjson", R"({"creds":{}})"));
  ASSERT_FALSE(no_auths.ok());
  EXPECT_NE(no_auths.error().message.find("auths"), std::string::npos);
}

TEST(Credentials, MergeKeepsGlobalRegistriesAndPushWinsForItsHost) {
  json global = {{"quay.io", {{"auth", "Zw=="}}}, {"reg.svc:5000", {{"auth", "b2xk"}}}};
  json push = {{"reg.svc:5000", {{"auth", "bmV3"}}}};
  json m = merge_auths(global, push);
  EXPECT_EQ(m["quay.io"]["auth"], "Zw==");
  EXPECT_EQ(m["reg.svc:5000"]["auth"], "bmV3");
  EXPECT_EQ(m.size(), 2u);
}

TEST(Credentials, GlobalPullSecretUntouchedAndTokenReused) {
  testing::Cluster c;
  auto spec = testing::starter();
  auto ref = kube::with_name(refs::secret(k_global_pull_secret_ns), k_global_pull_secret);
  auto before = c.client().get(ref);
  ASSERT_TRUE(before.ok());
  long long now = static_cast<long long>(std::time(nullptr));
  auto first = ensure_credentials(c.client(), spec, now, DryRun::none);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->token_requested);
  auto second = ensure_credentials(c.client(), spec, now + 3600, DryRun::none);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->token_requested);
  for (const auto& o : second->outcomes) EXPECT_EQ(o.action, Action::unchanged) << o.summary;
  // Inside the renew window: a new token, both secrets rewritten.
  long long late = *first->token_expires - spec.credentials.renew_before_seconds + 60;
  auto third = ensure_credentials(c.client(), spec, late, DryRun::none);
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->token_requested);
  for (const auto& o : third->outcomes) EXPECT_EQ(o.action, Action::updated) << o.summary;
  auto after = c.client().get(ref);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)["metadata"]["resourceVersion"], (*before)["metadata"]["resourceVersion"]);
  // pull-and-push-secret holds every registry of the global secret plus the push registry.
  auto pp = c.client().get(kube::with_name(refs::secret(spec::k_mco_namespace), spec::k_pull_and_push_secret));
  ASSERT_TRUE(pp.ok());
  auto merged = docker_auths(*pp);
  auto global = docker_auths(*after);
  ASSERT_TRUE(merged.ok() && global.ok());
  for (const auto& [host, _] : global->items()) EXPECT_TRUE(merged->contains(host)) << host;
  EXPECT_TRUE(merged->contains("image-registry.openshift-image-registry.svc:5000"));
}

}  // namespace
}  // namespace dl::workflow
