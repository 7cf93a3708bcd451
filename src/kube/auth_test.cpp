// Credential and connection forms beyond a plain token, against the simulator over HTTPS:
// exec credential plugins, the in-cluster service-account configuration, proxies (a real
// CONNECT proxy process) and tls-server-name.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "kube/client.h"
#include "kube/curl_transport.h"
#include "kube/exec_credential.h"
#include "kube/test_support.h"
#include "util/base64.h"
#include "util/files.h"

namespace dl::kube {
namespace {

using testing::SimFixture;

const ResourceRef k_default_ns{"", "v1", "namespaces", "", "default", ""};

/// A kubeconfig for the simulator with `cluster_extra` under cluster and `user` as the user body.
std::string kubeconfig(const SimFixture& f, const std::string& cluster_extra, const std::string& user) {
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: " + f.server.server_url() +
         "\n    certificate-authority-data: " + util::base64_encode(f.server.tls().ca_cert_pem) + "\n" +
         cluster_extra + "users:\n- name: u\n  user:\n" + user +
         "contexts:\n- name: c\n  context: {cluster: sim, user: u}\ncurrent-context: c\n";
}

util::Result<ClientConfig> load(const std::string& path) {
  LoadOptions o;
  o.path = path;
  return load_client_config(o);
}

/// An exec plugin script: prints an ExecCredential whose token is $BAD on its first run (when
/// FIRST_BAD=1) and $GOOD afterwards; counts runs in ./runs beside it.
std::string write_plugin(SimFixture& f) {
  std::string script = f.dir.path() + "/plugin.sh";
  std::ofstream(script) << "#!/bin/sh\n"
                           "d=$(dirname \"$0\"); n=$(cat \"$d/runs\" 2>/dev/null || echo 0); n=$((n+1)); "
                           "echo $n > \"$d/runs\"\n"
                           "echo \"$KUBERNETES_EXEC_INFO\" > \"$d/exec_info\"\n"
                           "tok=$GOOD; if [ \"$FIRST_BAD\" = 1 ] && [ $n = 1 ]; then tok=not-the-token; fi\n"
                           "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                           "\"status\":{\"token\":\"%s\"%s}}' \"$tok\" \"$EXPIRY\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  return script;
}

std::string exec_user(const SimFixture& f, const std::string& extra_env = "") {
  return "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n"
         "      interactiveMode: Never\n      provideClusterInfo: true\n      env:\n      - {name: GOOD, value: " +
         f.server.admin_token() + "}\n" + extra_env;
}

int runs(const SimFixture& f) {
  auto text = util::read_file(f.dir.path() + "/runs");
  return text ? std::stoi(*text) : 0;
}

TEST(ExecPlugin, TokenFromPluginIsCachedAndRefreshedAfter401) {
  SimFixture f;
  write_plugin(f);
  auto c = load(f.dir.write("kc", kubeconfig(f, "", exec_user(f, "      - {name: FIRST_BAD, value: \"1\"}\n"))));
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_TRUE(c->exec.has_value());
  EXPECT_NE(describe(*c).find("exec plugin"), std::string::npos);
  auto client = f.client(*c);
  auto ns = client->get(k_default_ns);  // first token refused -> plugin runs again -> ok
  ASSERT_TRUE(ns.ok()) << ns.error().message;
  EXPECT_EQ(runs(f), 2);
  ASSERT_TRUE(client->get(k_default_ns).ok());
  EXPECT_EQ(runs(f), 2) << "a valid credential without expiry is reused";
  auto info = util::read_file(f.dir.path() + "/exec_info");
  ASSERT_TRUE(info.ok());
  EXPECT_NE(info->find("\"interactive\":false"), std::string::npos) << *info;
  EXPECT_NE(info->find(f.server.server_url()), std::string::npos) << "provideClusterInfo passes the server";
}

TEST(ExecPlugin, ExpiredCredentialRunsThePluginAgain) {
  SimFixture f;
  write_plugin(f);
  std::string past = "      - {name: EXPIRY, value: ',\"expirationTimestamp\":\"2020-01-01T00:00:00Z\"'}\n";
  auto c = load(f.dir.write("kc", kubeconfig(f, "", exec_user(f, past))));
  ASSERT_TRUE(c.ok()) << c.error().message;
  auto client = f.client(*c);
  ASSERT_TRUE(client->get(k_default_ns).ok());
  ASSERT_TRUE(client->get(k_default_ns).ok());
  EXPECT_EQ(runs(f), 2);
}

TEST(ExecPlugin, FailuresAreClearAndNeverEchoTheOutput) {
  SimFixture f;
  struct Case {
    std::string body, expected;
  };
  std::vector<Case> cases = {
      {"echo 'token-like-secret-output'", "its output is not an ExecCredential JSON document"},
      {"echo 'login required' >&2; exit 3", "exited with status 3: login required"},
      {"printf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\"}'",
       "expected ExecCredential client.authentication.k8s.io/v1"},
      {"printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'",
       "neither a token nor a client certificate"},
  };
  for (const auto& k : cases) {
    std::string script = f.dir.write("bad.sh", "#!/bin/sh\n" + k.body + "\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    ClientConfig c = f.config();
    c.token.clear();
    c.exec = ExecConfig{script, {}, {}, "client.authentication.k8s.io/v1", "", false};
    auto r = f.client(c)->get(k_default_ns);
    ASSERT_FALSE(r.ok()) << k.body;
    EXPECT_NE(r.error().message.find(k.expected), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().message.find("token-like-secret-output"), std::string::npos);
  }
}

TEST(ExecPlugin, MissingCommandShowsTheInstallHint) {
  SimFixture f;
  ClientConfig c = f.config();
  c.exec = ExecConfig{"dl-no-such-login-plugin", {}, {}, "client.authentication.k8s.io/v1", "install it with: dnf install x", false};
  auto r = f.client(c)->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("dl-no-such-login-plugin"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("install it with: dnf install x"), std::string::npos) << r.error().message;
}

TEST(ExecPlugin, KubeconfigErrorsNameTheField) {
  SimFixture f;
  struct Case {
    std::string user, expected;
  } cases[] = {
      {"    exec:\n      apiVersion: client.authentication.k8s.io/v1\n", "exec.command is not set"},
      {"    exec:\n      command: x\n", "exec.apiVersion \"\" is not supported"},
      {"    exec:\n      command: x\n      apiVersion: client.authentication.k8s.io/v1alpha1\n",
       "exec.apiVersion \"client.authentication.k8s.io/v1alpha1\" is not supported"},
      {"    exec:\n      command: x\n      apiVersion: client.authentication.k8s.io/v1\n      args: x\n",
       "exec.args must be a list of strings"},
      {"    exec:\n      command: x\n      apiVersion: client.authentication.k8s.io/v1\n      env: [{value: v}]\n",
       "exec.env[0] must have a name"},
      {"    token: t\n    exec:\n      command: x\n      apiVersion: client.authentication.k8s.io/v1\n",
       "more than one authentication method (token, exec)"},
  };
  for (const auto& k : cases) {
    std::string path = f.dir.write("kc", kubeconfig(f, "", k.user));
    auto c = load(path);
    ASSERT_FALSE(c.ok()) << k.user;
    EXPECT_NE(c.error().message.find("kubeconfig " + path + ": users[0] \"u\": " + k.expected), std::string::npos)
        << c.error().message << "\nexpected: " << k.expected;
  }
}

TEST(InCluster, ServiceAccountMountAndEnvironment) {
  SimFixture f;
  util::TempDir sa;
  sa.write("token", f.server.admin_token() + "\n");
  sa.write("ca.crt", f.server.tls().ca_cert_pem);
  sa.write("namespace", "openshift-machine-config-operator\n");
  LoadOptions o;
  o.service_account_dir = sa.path();
  o.home = f.dir.path();  // no ~/.kube/config there
  std::string url = f.server.server_url();
  o.service_host = "127.0.0.1";
  o.service_port = url.substr(url.rfind(':') + 1);
  auto c = load_client_config(o);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->ns, "openshift-machine-config-operator");
  EXPECT_EQ(c->context, "in-cluster");
  ASSERT_TRUE(f.client(*c)->get(k_default_ns).ok());
  o.pod_namespace = "from-env";
  EXPECT_EQ(load_client_config(o)->ns, "from-env");
  o.service_host.reset();
  auto outside = load_client_config(o);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().kind, util::ErrorKind::not_found);
  EXPECT_NE(outside.error().message.find("no kubeconfig found"), std::string::npos) << outside.error().message;
  o.service_host = "127.0.0.1";
  std::filesystem::remove(sa.path() + "/ca.crt");
  auto broken = load_client_config(o);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find(sa.path() + "/ca.crt"), std::string::npos) << broken.error().message;
}

/// A CONNECT proxy process (tests/kube/connect_proxy.py), stopped on destruction.
struct Proxy {
  util::TempDir dir;
  int port = 0;
  int pid = 0;
  Proxy() {
    std::string cmd = "/usr/bin/python3 " DL_KUBE_TEST_DIR "/connect_proxy.py " + dir.path() + "/port " +
                      dir.path() + "/log 60 &";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    for (int i = 0; i < 100 && !std::filesystem::exists(dir.path() + "/port"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::ifstream(dir.path() + "/port") >> port >> pid;
  }
  ~Proxy() {
    if (pid > 0) {
      kill(pid, SIGTERM);
    }
  }
  std::string log() const {
    auto text = util::read_file(dir.path() + "/log");
    return text ? *text : "";
  }
};

TEST(Proxy, ProxyUrlTunnelsTlsThroughConnect) {
  SimFixture f;
  Proxy p;
  ASSERT_GT(p.port, 0) << "proxy did not start";
  std::string url = "http://127.0.0.1:" + std::to_string(p.port);
  auto c = load(f.dir.write("kc", kubeconfig(f, "    proxy-url: " + url + "\n",
                                             "    token: " + f.server.admin_token() + "\n")));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->proxy_url, url);
  auto ns = f.client(*c)->get(k_default_ns);
  ASSERT_TRUE(ns.ok()) << ns.error().message;
  std::string hostport = f.server.server_url().substr(std::string("https://").size());
  EXPECT_NE(p.log().find("CONNECT " + hostport), std::string::npos) << p.log();
}

TEST(Proxy, DeadProxyIsAConnectionErrorAndBadSchemeIsRefused) {
  SimFixture f;
  auto bad = load(f.dir.write("kc", kubeconfig(f, "    proxy-url: ftp://p:1\n", "    token: t\n")));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("proxy-url \"ftp://p:1\" must be an http, https or socks5 URL"),
            std::string::npos) << bad.error().message;
  ClientConfig c = f.config();
  c.proxy_url = "http://127.0.0.1:9";  // discard port: nothing listens
  auto r = f.client(c)->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::unreachable) << r.error().message;
}

TEST(TlsServerName, VerifiesTheCertificateForTheGivenName) {
  SimFixture f;
  ClientConfig c = f.config();
  c.tls_server_name = "localhost";  // in the simulator's certificate
  ASSERT_TRUE(f.client(c)->get(k_default_ns).ok());
  c.tls_server_name = "api.elsewhere.example";
  auto r = f.client(c)->get(k_default_ns);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("TLS verification"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace dl::kube
