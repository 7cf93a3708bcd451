#include "kube/kubeconfig.h"

#include <gtest/gtest.h>

#include "kube/test_support.h"
#include "util/base64.h"

namespace dl::kube {
namespace {

using testing::TempDir;

const char* k_ca = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";

/// A kubeconfig with one cluster "c", one user "u" (the given user fields), context "ctx".
std::string config_text(const std::string& cluster_fields, const std::string& user_fields,
                        const std::string& context_extra = "") {
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://10.0.0.1:6443\n" +
         cluster_fields + "users:\n- name: u\n  user:\n" + user_fields +
         "contexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\n" + context_extra +
         "current-context: ctx\n";
}

util::Result<ClientConfig> load_path(const std::string& path, const std::string& context = "") {
  LoadOptions o;
  o.path = path;
  o.context = context;
  return load_client_config(o);
}

TEST(Kubeconfig, ResolvesServerCaDataTokenAndNamespace) {
  TempDir d;
  std::string ca_data = util::base64_encode(k_ca);
  auto path = d.write("config", config_text("    certificate-authority-data: " + ca_data + "\n",
                                            "    token: s3cr3t-token\n", "    namespace: ovs\n"));
  auto c = load_path(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server, "https://10.0.0.1:6443");
  EXPECT_EQ(c->ca_pem, k_ca);
  EXPECT_EQ(c->token, "s3cr3t-token");
  EXPECT_EQ(c->ns, "ovs");
  EXPECT_EQ(c->context, "ctx");
  EXPECT_EQ(c->source, path);
  EXPECT_FALSE(c->insecure);
  EXPECT_EQ(describe(*c).find("s3cr3t-token"), std::string::npos);
}

TEST(Kubeconfig, CaFileIsRelativeToTheKubeconfigAndDataWins) {
  TempDir d;
  d.write("sub/ca.crt", k_ca);
  auto path = d.write("sub/config", config_text("    certificate-authority: ca.crt\n", "    token: t\n"));
  auto c = load_path(path);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->ca_pem, k_ca);
  EXPECT_EQ(c->ns, "default");

  auto both = d.write("both", config_text("    certificate-authority: /nope/ca.crt\n    certificate-authority-data: " +
                                              util::base64_encode("DATA") + "\n",
                                          "    token: t\n"));
  auto c2 = load_path(both);
  ASSERT_TRUE(c2.ok()) << c2.error().message;
  EXPECT_EQ(c2->ca_pem, "DATA");
}

TEST(Kubeconfig, TokenFileIsReadTrimmedAndTokenWins) {
  TempDir d;
  d.write("tok", "file-token\n");
  auto c = load_path(d.write("a", config_text("", "    tokenFile: tok\n")));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->token, "file-token");
  auto c2 = load_path(d.write("b", config_text("", "    token: inline\n    tokenFile: /missing\n")));
  ASSERT_TRUE(c2.ok()) << c2.error().message;
  EXPECT_EQ(c2->token, "inline");
}

TEST(Kubeconfig, ClientCertificateFromFilesAndData) {
  TempDir d;
  d.write("u.crt", "CERT");
  d.write("u.key", "KEY");
  auto c = load_path(d.write("a", config_text("", "    client-certificate: u.crt\n    client-key: u.key\n")));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->client_cert_pem, "CERT");
  EXPECT_EQ(c->client_key_pem, "KEY");
  EXPECT_EQ(describe(*c).find("KEY"), std::string::npos);
  auto c2 = load_path(d.write("b", config_text("", "    client-certificate-data: " + util::base64_encode("C2") +
                                                       "\n    client-key-data: " + util::base64_encode("K2") + "\n")));
  ASSERT_TRUE(c2.ok()) << c2.error().message;
  EXPECT_EQ(c2->client_cert_pem, "C2");
  EXPECT_EQ(c2->client_key_pem, "K2");
}

TEST(Kubeconfig, InsecureSkipTlsVerifyIsExposed) {
  TempDir d;
  auto c = load_path(d.write("a", config_text("    insecure-skip-tls-verify: true\n", "    token: t\n")));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(c->insecure);
  EXPECT_NE(describe(*c).find("insecure"), std::string::npos);
}

TEST(Kubeconfig, ExplicitContextOverridesCurrentContext) {
  TempDir d;
  std::string text = config_text("", "    token: t\n");
  text.insert(text.find("current-context"), "- name: other\n  context:\n    cluster: c\n    namespace: kube-system\n");
  auto path = d.write("a", text);
  auto c = load_path(path, "other");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->context, "other");
  EXPECT_EQ(c->ns, "kube-system");
  EXPECT_TRUE(c->token.empty());  // that context names no user
}

TEST(Kubeconfig, KubeconfigListMergesFirstDefinitionWins) {
  TempDir d;
  std::string first =
      "clusters:\n- name: c\n  cluster:\n    server: https://first:6443\n"
      "users:\n- name: u\n  user:\n    token: first-token\n";
  std::string second =
      "clusters:\n- name: c\n  cluster:\n    server: https://second:6443\n    insecure-skip-tls-verify: true\n"
      "- name: c2\n  cluster:\n    server: https://c2:6443\n"
      "users:\n- name: u\n  user:\n    token: second-token\n"
      "contexts:\n- name: ctx\n  context:\n    cluster: c\n    user: u\n"
      "- name: ctx2\n  context:\n    cluster: c2\n    user: u\n"
      "current-context: ctx2\n";
  std::string third = "current-context: ctx\n";
  LoadOptions o;
  o.kubeconfig_env = d.write("one", first) + ":" + d.path() + "/missing:" + d.write("two", second) + ":" +
                     d.path() + "/one";
  auto c = load_client_config(o);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->context, "ctx2");          // first file to set current-context
  EXPECT_EQ(c->server, "https://c2:6443");
  EXPECT_EQ(c->token, "first-token");     // user "u" from the first file, as a whole
  EXPECT_EQ(c->source, d.path() + "/one:" + d.path() + "/two");

  o.kubeconfig_env = d.write("three", third) + ":" + d.path() + "/one:" + d.path() + "/two";
  auto c2 = load_client_config(o);
  ASSERT_TRUE(c2.ok()) << c2.error().message;
  EXPECT_EQ(c2->context, "ctx");
  EXPECT_EQ(c2->server, "https://first:6443");
  EXPECT_FALSE(c2->insecure);  // the second file's "c" is discarded entirely
}

TEST(Kubeconfig, FallsBackToHomeAndReportsMissingFiles) {
  TempDir d;
  d.write(".kube/config", config_text("", "    token: t\n"));
  LoadOptions o;
  o.home = d.path();
  auto c = load_client_config(o);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->source, d.path() + "/.kube/config");

  LoadOptions none;
  none.kubeconfig_env = d.path() + "/a:" + d.path() + "/b";
  auto missing = load_client_config(none);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, util::ErrorKind::not_found);

  auto explicit_missing = load_path(d.path() + "/nope");
  ASSERT_FALSE(explicit_missing.ok());
  EXPECT_EQ(explicit_missing.error().kind, util::ErrorKind::not_found);
  EXPECT_EQ(explicit_missing.error().message, "kubeconfig " + d.path() + "/nope: No such file or directory");
}

struct BrokenCase {
  const char* label;
  std::string text;
  std::string message;  ///< after "kubeconfig FILE: "
};

TEST(Kubeconfig, EveryBrokenFieldNamesFileAndField) {
  std::vector<BrokenCase> cases = {
      {"missing cert file", config_text("", "    client-certificate: /nope.crt\n    client-key: /nope.key\n"),
       "users[0] \"u\": client-certificate \"/nope.crt\": No such file or directory"},
      {"missing key file", config_text("", "    client-certificate-data: " + util::base64_encode("C") +
                                               "\n    client-key: k.key\n"),
       "users[0] \"u\": client-key \"DIR/k.key\": No such file or directory"},
      {"cert without key", config_text("", "    client-certificate-data: " + util::base64_encode("C") + "\n"),
       "users[0] \"u\": client-certificate is set but client-key is not"},
      {"bad cert data", config_text("", "    client-certificate-data: '!!'\n    client-key-data: '!!'\n"),
       "users[0] \"u\": client-certificate-data: not valid base64"},
      {"missing token file", config_text("", "    tokenFile: tok\n"),
       "users[0] \"u\": tokenFile \"DIR/tok\": No such file or directory"},
      {"exec without apiVersion", config_text("", "    exec:\n      command: x\n"),
       "users[0] \"u\": exec.apiVersion \"\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)"},
      {"basic auth", config_text("", "    username: a\n    password: b\n"),
       "users[0] \"u\": username is not supported; use token, tokenFile, a client certificate or exec"},
      {"no server", "clusters:\n- name: c\n  cluster: {}\ncontexts:\n- name: x\n  context: {cluster: c}\n"
                    "current-context: x\n",
       "clusters[0] \"c\": server is not set"},
      {"server not a URL", "clusters:\n- name: c\n  cluster: {server: 'host:6443'}\ncontexts:\n- name: x\n"
                           "  context: {cluster: c}\ncurrent-context: x\n",
       "clusters[0] \"c\": server \"host:6443\" is not an http(s) URL"},
      {"bad ca data", config_text("    certificate-authority-data: 'not base64'\n", ""),
       "clusters[0] \"c\": certificate-authority-data: not valid base64"},
      {"missing ca file", config_text("    certificate-authority: /etc/none/ca.crt\n", ""),
       "clusters[0] \"c\": certificate-authority \"/etc/none/ca.crt\": No such file or directory"},
      {"insecure with ca", config_text("    insecure-skip-tls-verify: true\n    certificate-authority-data: " +
                                           util::base64_encode("X") + "\n",
                                       ""),
       "clusters[0] \"c\": insecure-skip-tls-verify cannot be combined with certificate-authority"},
      {"insecure not bool", config_text("    insecure-skip-tls-verify: maybe\n", ""),
       "clusters[0] \"c\": insecure-skip-tls-verify must be true or false"},
      {"unknown cluster", "contexts:\n- name: x\n  context: {cluster: gone}\ncurrent-context: x\n",
       "contexts[0] \"x\": cluster \"gone\" is not defined in DIR/config"},
      {"unknown user",
       "clusters:\n- name: c\n  cluster: {server: 'https://h'}\ncontexts:\n- name: x\n"
       "  context: {cluster: c, user: nobody}\ncurrent-context: x\n",
       "contexts[0] \"x\": user \"nobody\" is not defined in DIR/config"},
      {"no cluster in context", "contexts:\n- name: x\n  context: {namespace: a}\ncurrent-context: x\n",
       "contexts[0] \"x\": cluster is not set"},
      {"bad namespace", config_text("", "    token: t\n", "    namespace: Not_Valid\n"),
       "contexts[0] \"ctx\": namespace \"Not_Valid\" is not a valid namespace name"},
      {"no current context", "clusters: []\n", "no context selected: current-context is not set (pass --context)"},
      {"unknown context", "contexts:\n- name: a\n  context: {cluster: c}\ncurrent-context: b\n",
       "context \"b\" not found (contexts: a)"},
      {"clusters not a list", "clusters: {a: b}\n", "clusters must be a list of {name, cluster} entries"},
      {"entry without name", "users:\n- user: {token: t}\n", "users[0]: name is not set"},
      {"not a map", "- a\n- b\n", "not a kubeconfig (the document is not a map)"},
      {"not yaml", "clusters: [\n", "not valid YAML at line 2, column 1: *"},
  };
  for (const auto& tc : cases) {
    TempDir d;
    auto path = d.write("config", tc.text);
    auto c = load_path(path);
    ASSERT_FALSE(c.ok()) << tc.label;
    EXPECT_EQ(c.error().kind, util::ErrorKind::invalid_input) << tc.label;
    std::string expected = "kubeconfig " + path + ": " + tc.message;
    size_t dir = expected.find("DIR");
    if (dir != std::string::npos) {
      expected.replace(dir, 3, d.path());
    }
    if (expected.back() == '*') {  // the parser's own words follow
      expected.pop_back();
      EXPECT_EQ(c.error().message.substr(0, expected.size()), expected) << tc.label;
    } else {
      EXPECT_EQ(c.error().message, expected) << tc.label;
    }
  }
}

}  // namespace
}  // namespace dl::kube
