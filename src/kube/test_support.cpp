#include "kube/test_support.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "kube/curl_transport.h"

namespace dl::kube::testing {

util::Result<HttpResponse> RecordingTransport::send(const HttpRequest& request) {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    m_requests.push_back(request.method + " " + request.url);
  }
  return m_inner->send(request);
}

util::Result<HttpResponse> RecordingTransport::stream(const HttpRequest& request,
                                             std::function<bool(std::string_view)> on_data) {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    m_requests.push_back("STREAM " + request.url);
  }
  return m_inner->stream(request, std::move(on_data));
}

std::vector<std::string> RecordingTransport::requests() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_requests;
}

SimFixture::SimFixture(std::vector<std::string> faults) {
  sim::SimOptions o;
  o.faults = std::move(faults);
  auto st = server.start(o);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  kubeconfig_path = dir.write("kubeconfig", server.kubeconfig());
}

SimFixture::~SimFixture() { server.stop(); }

ClientConfig SimFixture::config() const {
  LoadOptions o;
  o.path = kubeconfig_path;
  auto c = load_client_config(o);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  return c.ok() ? *c : ClientConfig{};
}

std::unique_ptr<Client> SimFixture::client(const ClientConfig& config) {
  auto recording = std::make_unique<RecordingTransport>(std::make_unique<CurlTransport>(config));
  last_transport = recording.get();
  ClientOptions o;
  o.retry.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
  o.timeout = std::chrono::milliseconds(10000);
  return std::make_unique<Client>(config, std::move(recording), o);
}

}  // namespace dl::kube::testing
