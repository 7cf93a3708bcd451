#include "sim/http/tls.h"

#include <gtest/gtest.h>

#include "sim/http/server.h"
#include "sim/http/test_support.h"

namespace dl::sim::http {
namespace {

using testing::run_command;
using testing::shell_quote;
using testing::TlsServer;

void echo_subject(const Request& req, ResponseWriter& w) {
  w.send(200, {{"Content-Type", "text/plain"}}, "subject=[" + req.client_cert_subject + "]");
}

TEST(SimHttpTls, GeneratesCaAndServerCertWithSans) {
  const TlsMaterial& m = testing::shared_tls();
  testing::TempDir dir;
  std::string ca = dir.write("ca.crt", m.ca_cert_pem);
  std::string server = dir.write("server.crt", m.server_cert_pem);
  auto verify = run_command("openssl verify -CAfile " + shell_quote(ca) + " " + shell_quote(server));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  auto text = run_command("openssl x509 -noout -ext subjectAltName,basicConstraints -in " + shell_quote(server));
  EXPECT_NE(text.output.find("IP Address:127.0.0.1"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("IP Address:0:0:0:0:0:0:0:1"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("DNS:localhost"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("IP Address:10.20.30.40"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("DNS:api.sim.test"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("CA:FALSE"), std::string::npos) << text.output;
  EXPECT_NE(m.server_key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
}

TEST(SimHttpTls, RejectsBadExtraHost) {
  auto bad = generate_tls({"not a host"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, util::ErrorKind::invalid_input);
  auto client = issue_client_cert(TlsMaterial{}, "x", {});
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().kind, util::ErrorKind::invalid_input);
}

TEST(SimHttpTls, CurlVerifiesAgainstGeneratedCa) {
  TlsServer s(echo_subject);
  auto ip = run_command(s.curl() + s.url("/"));
  EXPECT_EQ(ip.exit_code, 0) << ip.output;
  EXPECT_EQ(ip.output, "subject=[]");
  auto name = run_command(s.curl() + "https://localhost:" + std::to_string(s.port) + "/");
  EXPECT_EQ(name.exit_code, 0) << name.output;
  std::string resolve = "--resolve api.sim.test:" + std::to_string(s.port) + ":127.0.0.1 ";
  auto extra = run_command(s.curl() + resolve + "https://api.sim.test:" + std::to_string(s.port) + "/");
  EXPECT_EQ(extra.exit_code, 0) << extra.output;
}

TEST(SimHttpTls, VerificationFailsAgainstAnotherCa) {
  TlsServer s(echo_subject);
  auto other = generate_tls({});
  ASSERT_TRUE(other.ok());
  std::string other_ca = s.dir.write("other-ca.crt", other->ca_cert_pem);
  auto r = run_command("curl -sS --max-time 20 --cacert " + shell_quote(other_ca) + " " + s.url("/"));
  EXPECT_EQ(r.exit_code, 60) << r.output;  // CURLE_PEER_FAILED_VERIFICATION
  auto wrong_name = run_command(s.curl() + "--resolve other.test:" + std::to_string(s.port) +
                                ":127.0.0.1 https://other.test:" + std::to_string(s.port) + "/");
  EXPECT_EQ(wrong_name.exit_code, 60) << wrong_name.output;
}

TEST(SimHttpTls, PythonVerifiesSanIp) {
  TlsServer s(echo_subject);
  auto r = run_command(s.python() + "get /");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "200 subject=[]\n");
}

TEST(SimHttpTls, ClientCertificateSubjectReachesHandler) {
  TlsServer s(echo_subject);
  auto client = issue_client_cert(testing::shared_tls(), "alice", {"system:masters", "dev,ops"});
  ASSERT_TRUE(client.ok()) << client.error().message;
  std::string cert = s.dir.write("client.crt", client->first);
  std::string key = s.dir.write("client.key", client->second);
  auto r = run_command(s.curl() + "--cert " + shell_quote(cert) + " --key " + shell_quote(key) + " " + s.url("/"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "subject=[CN=alice,O=system:masters,O=dev\\,ops]");
}

TEST(SimHttpTls, ClientCertificateFromAnotherCaIsRefused) {
  TlsServer s(echo_subject);
  auto other = generate_tls({});
  ASSERT_TRUE(other.ok());
  auto client = issue_client_cert(*other, "mallory", {"system:masters"});
  ASSERT_TRUE(client.ok());
  std::string cert = s.dir.write("client.crt", client->first);
  std::string key = s.dir.write("client.key", client->second);
  auto r = run_command(s.curl() + "--cert " + shell_quote(cert) + " --key " + shell_quote(key) + " " + s.url("/"));
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("subject=["), std::string::npos);
}

TEST(SimHttpTls, AlpnNeverNegotiatesH2) {
  TlsServer s(echo_subject);
  auto r = run_command(s.curl() + "--http2 -o /dev/null -w '%{http_version}' " + s.url("/"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "1.1");
}

}  // namespace
}  // namespace dl::sim::http
