#include "sim/api/protobuf.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "sim/api/k8s.pb.h"
#include "util/base64.h"

namespace dl::sim::api {
namespace {

using nlohmann::json;

// --- bodies captured from real kubectl (tests/sim_api/capture_protobuf.sh) ---

/// DL_SIM_API_PROTOBUF_DIR (set by the live ctest after a fresh capture) or the committed fixtures.
std::optional<std::string> live_dir() {
  const char* dir = std::getenv("DL_SIM_API_PROTOBUF_DIR");
  return dir != nullptr && *dir != '\0' ? std::optional<std::string>(dir) : std::nullopt;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

json decode_ok(std::string_view body) {
  auto decoded = decode_protobuf_object(body);
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().message);
  return decoded.ok() ? *decoded : json();
}

/// Variant "dispatcher" is `kubectl` (the gcloud dispatcher running 1.33.1), "1.33" kubectl.1.33.
class ProtobufFixture : public ::testing::TestWithParam<std::string> {
 protected:
  /// The decoded body kubectl sent for `command`; skips when a live capture lacks that binary.
  json decoded(const std::string& command) {
    const std::string dir = live_dir().value_or(DL_SIM_API_PROTOBUF_FIXTURES);
    const auto body = read_file(dir + "/" + command + "." + GetParam() + ".pb");
    if (!body && live_dir()) {
      m_skipped = true;
      return json();
    }
    EXPECT_TRUE(body.has_value()) << "missing fixture " << command << "." << GetParam() << ".pb in " << dir;
    return body ? decode_ok(*body) : json();
  }
  bool m_skipped = false;
};

TEST_P(ProtobufFixture, CreateTokenHasOnlyExpirationSeconds) {
  json token = decoded("token");
  if (m_skipped) GTEST_SKIP() << "no capture for this kubectl";
  EXPECT_EQ(token, json::parse(R"({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
                                   "spec":{"expirationSeconds":3600}})"));
  EXPECT_TRUE(token.value(json::json_pointer("/spec/expirationSeconds"), json()).is_number_integer());
}

TEST_P(ProtobufFixture, CreateSecretDockerRegistryCarriesTheDockerConfig) {
  json secret = decoded("secret-docker-registry");
  if (m_skipped) GTEST_SKIP() << "no capture for this kubectl";
  EXPECT_EQ(secret["apiVersion"], "v1");
  EXPECT_EQ(secret["kind"], "Secret");
  EXPECT_EQ(secret["metadata"], json::parse(R"({"name":"regcred"})"));
  EXPECT_EQ(secret["type"], "kubernetes.io/dockerconfigjson");
  ASSERT_EQ(secret["data"].size(), 1U);
  const auto config = util::base64_decode(secret["data"][".dockerconfigjson"].get<std::string>());
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(json::parse(*config),
            json::parse(R"({"auths":{"quay.io":{"username":"u","password":"p","email":"e@x.io","auth":"dTpw"}}})"));
  EXPECT_EQ(secret.size(), 5U) << secret.dump();
}

TEST_P(ProtobufFixture, CreateSecretGenericBase64EncodesData) {
  json secret = decoded("secret-generic");
  if (m_skipped) GTEST_SKIP() << "no capture for this kubectl";
  EXPECT_EQ(secret, json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
                                    "data":{"a":"Yg=="}})"));
}

TEST_P(ProtobufFixture, CreateConfigMapNamespaceAndServiceAccount) {
  json cm = decoded("configmap");
  json ns = decoded("namespace");
  json sa = decoded("serviceaccount");
  if (m_skipped) GTEST_SKIP() << "no capture for this kubectl";
  EXPECT_EQ(cm, json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}})"));
  EXPECT_EQ(ns, json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n1"}})"));
  EXPECT_EQ(sa, json::parse(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa1"}})"));
}

TEST_P(ProtobufFixture, DebugNodePodIsTheLegacyProfile) {
  json pod = decoded("debug-node");
  if (m_skipped) GTEST_SKIP() << "no capture for this kubectl";
  EXPECT_EQ(pod["apiVersion"], "v1");
  EXPECT_EQ(pod["kind"], "Pod");
  ASSERT_EQ(pod["metadata"].size(), 1U) << pod["metadata"].dump();  // no namespace, labels or generateName
  EXPECT_TRUE(
      std::regex_match(pod["metadata"]["name"].get<std::string>(), std::regex("node-debugger-node1-[a-z0-9]{5}")));
  EXPECT_EQ(pod["spec"], json::parse(R"({
    "volumes":[{"name":"host-root","hostPath":{"path":"/"}}],
    "containers":[{"name":"debugger","image":"busybox","command":["chroot","/host","true"],
                   "volumeMounts":[{"name":"host-root","mountPath":"/host"}],"terminationMessagePolicy":"File"}],
    "restartPolicy":"Never","nodeName":"node1","hostNetwork":true,"hostPID":true,"hostIPC":true,
    "tolerations":[{"operator":"Exists"}]})"));
  EXPECT_EQ(pod.size(), 4U) << pod.dump();
}

INSTANTIATE_TEST_SUITE_P(Kubectl, ProtobufFixture, ::testing::Values("dispatcher", "1.33"), [](const auto& param_info) {
  return param_info.param == "1.33" ? std::string("v1_33") : param_info.param;
});

// --- synthetic bodies built with the generated classes ---

std::string envelope(std::string_view api_version, std::string_view kind, const std::string& raw,
                     std::string_view content_encoding = "") {
  pb::Unknown u;
  u.mutable_typemeta()->set_apiversion(std::string(api_version));
  u.mutable_typemeta()->set_kind(std::string(kind));
  u.set_raw(raw);
  u.set_contentencoding(std::string(content_encoding));
  return std::string("k8s\0", 4) + u.SerializeAsString();
}

util::Error decode_error(std::string_view body) {
  auto decoded = decode_protobuf_object(body);
  EXPECT_FALSE(decoded.ok());
  return decoded.ok() ? util::Error{} : decoded.error();
}

TEST(SimApiProtobuf, RecognisesTheProtobufContentType) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"application/vnd.kubernetes.protobuf", true},
      {"application/vnd.kubernetes.protobuf; charset=binary", true},
      {" Application/VND.Kubernetes.Protobuf ", true},
      {"application/vnd.kubernetes.protobuf;stream=watch", true},
      {"application/json", false},
      {"application/vnd.kubernetes.protobuf+json", false},
      {"", false},
  };
  for (const auto& [content_type, expected] : cases) {
    EXPECT_EQ(is_protobuf_content_type(content_type), expected) << content_type;
  }
}

TEST(SimApiProtobuf, RejectsBadMagicEnvelopeAndKind) {
  EXPECT_EQ(decode_error("").kind, util::ErrorKind::invalid_input);
  EXPECT_NE(decode_error("k8s").message.find("magic"), std::string::npos);
  EXPECT_NE(decode_error(R"({"kind":"Secret"})").message.find("magic"), std::string::npos);
  EXPECT_EQ(decode_error(std::string("k8s\0\xff\xff\xff", 7)).message, "malformed protobuf envelope (runtime.Unknown)");
  const util::Error unknown = decode_error(envelope("v1", "Node", ""));
  EXPECT_EQ(unknown.kind, util::ErrorKind::invalid_input);
  EXPECT_EQ(unknown.message,
            "unsupported protobuf kind \"Node\" (apiVersion \"v1\"); supported: authentication.k8s.io/v1 TokenRequest, "
            "authorization.k8s.io/v1 SelfSubjectAccessReview, "
            "v1 ConfigMap, v1 Namespace, v1 Pod, v1 Secret, v1 ServiceAccount");
  EXPECT_EQ(decode_error(envelope("v1", "Secret",
                                  "\x0a\x05"
                                  "ab"))
                .message,
            "malformed protobuf Secret body");
  EXPECT_EQ(decode_error(envelope("v1", "Secret", "", "gzip")).message,
            "unsupported protobuf contentEncoding \"gzip\"");
  pb::Secret bad_utf8;
  bad_utf8.mutable_metadata()->set_name("bad\xc3");
  EXPECT_NE(decode_error(envelope("v1", "Secret", bad_utf8.SerializeAsString())).message.find("not valid UTF-8"),
            std::string::npos);
}

TEST(SimApiProtobuf, DecodesEveryObjectMetaField) {
  pb::ConfigMap cm;
  pb::ObjectMeta* meta = cm.mutable_metadata();
  meta->set_name("cm1");
  meta->set_generatename("cm-");
  meta->set_namespace_("ns1");
  meta->set_uid("u-1");
  meta->set_resourceversion("42");
  meta->set_generation(3);
  meta->mutable_creationtimestamp()->set_seconds(1700000000);
  (*meta->mutable_labels())["app"] = "web";
  (*meta->mutable_annotations())["note"] = "x";
  pb::OwnerReference* owner = meta->add_ownerreferences();
  owner->set_apiversion("apps/v1");
  owner->set_kind("ReplicaSet");
  owner->set_name("rs");
  owner->set_uid("u-2");
  owner->set_controller(true);
  owner->set_blockownerdeletion(false);  // a set *bool stays, even false
  meta->add_finalizers("example.com/f");
  (*cm.mutable_binarydata())["bin"] = std::string("\x00\xff", 2);
  cm.set_immutable(false);
  EXPECT_EQ(decode_ok(envelope("v1", "ConfigMap", cm.SerializeAsString())), json::parse(R"({
    "apiVersion":"v1","kind":"ConfigMap",
    "metadata":{"name":"cm1","generateName":"cm-","namespace":"ns1","uid":"u-1","resourceVersion":"42",
                "generation":3,"creationTimestamp":"2023-11-14T22:13:20Z","labels":{"app":"web"},
                "annotations":{"note":"x"},"finalizers":["example.com/f"],
                "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u-2",
                                    "controller":true,"blockOwnerDeletion":false}]},
    "binaryData":{"bin":"AP8="},"immutable":false})"));
}

TEST(SimApiProtobuf, KeepsSetPointerFieldsAndFlattensVolumeSources) {
  pb::Pod pod;
  pb::PodSpec* spec = pod.mutable_spec();
  spec->set_serviceaccountname("builder");
  spec->set_hostnetwork(false);  // non-pointer zero: omitted
  pb::Volume* scratch = spec->add_volumes();
  scratch->set_name("scratch");
  scratch->mutable_volumesource()->mutable_emptydir();
  pb::Volume* cache = spec->add_volumes();
  cache->set_name("cache");
  cache->mutable_volumesource()->mutable_emptydir()->mutable_sizelimit()->set_string("1Gi");
  pb::Volume* repo = spec->add_volumes();
  repo->set_name("repo");
  pb::ConfigMapVolumeSource* cm = repo->mutable_volumesource()->mutable_configmap();
  cm->mutable_localobjectreference()->set_name("repo-cm");
  cm->set_defaultmode(420);
  pb::KeyToPath* item = cm->add_items();
  item->set_key("a.repo");
  item->set_path("a.repo");
  pb::Volume* gpg = spec->add_volumes();
  gpg->set_name("gpg");
  gpg->mutable_volumesource()->mutable_secret()->set_secretname("gpg-key");
  gpg->mutable_volumesource()->mutable_secret()->set_optional(false);
  pb::Container* c = spec->add_containers();
  c->set_name("app");
  c->set_image("busybox");
  c->add_args("-c");
  c->set_imagepullpolicy("IfNotPresent");
  c->set_stdin(true);
  c->set_tty(true);
  pb::EnvVar* env = c->add_env();
  env->set_name("A");
  env->set_value("1");
  pb::SecurityContext* sc = c->mutable_securitycontext();
  sc->set_privileged(false);
  sc->set_runasnonroot(true);
  sc->set_allowprivilegeescalation(false);
  sc->mutable_capabilities()->add_drop("ALL");
  sc->mutable_seccompprofile()->set_type("RuntimeDefault");
  pb::Toleration* t = spec->add_tolerations();
  t->set_key("k");
  t->set_operator_("Equal");
  t->set_value("v");
  t->set_effect("NoExecute");
  t->set_tolerationseconds(0);
  EXPECT_EQ(decode_ok(envelope("v1", "Pod", pod.SerializeAsString()))["spec"], json::parse(R"({
    "serviceAccountName":"builder",
    "volumes":[{"name":"scratch","emptyDir":{}},{"name":"cache","emptyDir":{"sizeLimit":"1Gi"}},
               {"name":"repo","configMap":{"name":"repo-cm","defaultMode":420,"items":[{"key":"a.repo","path":"a.repo"}]}},
               {"name":"gpg","secret":{"secretName":"gpg-key","optional":false}}],
    "containers":[{"name":"app","image":"busybox","args":["-c"],"imagePullPolicy":"IfNotPresent","stdin":true,"tty":true,
                   "env":[{"name":"A","value":"1"}],
                   "securityContext":{"privileged":false,"runAsNonRoot":true,"allowPrivilegeEscalation":false,
                                      "capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}}}],
    "tolerations":[{"key":"k","operator":"Equal","value":"v","effect":"NoExecute","tolerationSeconds":0}]})"));
}

TEST(SimApiProtobuf, DecodesTokenRequestNamespaceServiceAccountAndSecretFields) {
  pb::TokenRequest tr;
  tr.mutable_spec()->add_audiences("foo");
  pb::BoundObjectReference* ref = tr.mutable_spec()->mutable_boundobjectref();
  ref->set_kind("Pod");
  ref->set_apiversion("v1");
  ref->set_name("web");
  ref->set_uid("u-9");
  tr.mutable_status()->set_token("tok");
  tr.mutable_status()->mutable_expirationtimestamp()->set_seconds(0);  // zero Time: omitted
  EXPECT_EQ(decode_ok(envelope("authentication.k8s.io/v1", "TokenRequest", tr.SerializeAsString())), json::parse(R"({
    "apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
    "spec":{"audiences":["foo"],"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web","uid":"u-9"}},
    "status":{"token":"tok"}})"));

  pb::Namespace ns;
  ns.mutable_metadata()->set_name("n1");
  ns.mutable_spec()->add_finalizers("kubernetes");
  EXPECT_EQ(decode_ok(envelope("v1", "Namespace", ns.SerializeAsString()))["spec"],
            json::parse(R"({"finalizers":["kubernetes"]})"));

  pb::ServiceAccount sa;
  sa.add_secrets()->set_name("s1");
  sa.add_imagepullsecrets()->set_name("pull");
  sa.set_automountserviceaccounttoken(false);
  EXPECT_EQ(decode_ok(envelope("v1", "ServiceAccount", sa.SerializeAsString())), json::parse(R"({
    "apiVersion":"v1","kind":"ServiceAccount","secrets":[{"name":"s1"}],"imagePullSecrets":[{"name":"pull"}],
    "automountServiceAccountToken":false})"));

  pb::Secret secret;
  (*secret.mutable_stringdata())["k"] = "v";
  secret.set_immutable(true);
  secret.set_type("Opaque");
  EXPECT_EQ(
      decode_ok(envelope("v1", "Secret", secret.SerializeAsString())),
      json::parse(R"({"apiVersion":"v1","kind":"Secret","stringData":{"k":"v"},"immutable":true,"type":"Opaque"})"));
}

TEST(SimApiProtobuf, SurvivesCorruptedKubectlBodies) {
  const auto body = read_file(std::string(DL_SIM_API_PROTOBUF_FIXTURES) + "/debug-node.1.33.pb");
  ASSERT_TRUE(body.has_value());
  size_t decoded = 0;
  for (size_t i = 0; i < body->size(); ++i) {
    for (const int mask : {0x01, 0x80, 0xff}) {
      std::string corrupted = *body;
      corrupted[i] = static_cast<char>(static_cast<unsigned char>(corrupted[i]) ^ mask);
      decoded += decode_protobuf_object(corrupted).ok() ? 1U : 0U;  // any answer but a crash
    }
    decoded += decode_protobuf_object(std::string_view(*body).substr(0, i)).ok() ? 1U : 0U;
  }
  EXPECT_LT(decoded, body->size() * 4);
}

TEST(SimApiProtobuf, IgnoresFieldsTheSimDoesNotDeclare) {
  pb::Namespace ns;
  ns.mutable_metadata()->set_name("n1");
  // Namespace.status (3) {phase (1): "Active"} and an unknown field 99, as a newer kubectl might send.
  const std::string raw = ns.SerializeAsString() +
                          std::string(
                              "\x1a\x08\x0a\x06"
                              "Active",
                              10) +
                          "\x9a\x06\x01x";
  EXPECT_EQ(decode_ok(envelope("v1", "Namespace", raw)),
            json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n1"}})"));
}

}  // namespace
}  // namespace dl::sim::api
