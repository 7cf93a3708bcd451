// dl_kube_bench: the client's list and watch figures against any cluster a kubeconfig names
// (bench/kube_client.py runs it against `doca-layer sim`, next to kubectl). Prints JSON.
//   dl_kube_bench KUBECONFIG NAMESPACE OBJECTS REPEATS
// Times REPEATS full lists of the ConfigMaps labelled bench=kube in NAMESPACE (at least OBJECTS
// of them must exist; one process, connection reused, as an informer or `status` does) and
// REPEATS create -> watch event latencies (deleting what it created).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "kube/client.h"
#include "kube/curl_transport.h"
#include "kube/watch.h"

using namespace dl::kube;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

json summary(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))]; };
  return {{"n", v.size()}, {"p50_ms", at(0.5)}, {"p95_ms", at(0.95)}, {"max_ms", v.back()}};
}

json config_map(const std::string& name) {
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
          {"metadata", {{"name", name}}}, {"data", {{"k", std::string(200, 'x')}}}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: dl_kube_bench KUBECONFIG NAMESPACE OBJECTS REPEATS\n";
    return 2;
  }
  LoadOptions lo;
  lo.path = argv[1];
  auto config = load_client_config(lo);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  Client client(*config, std::make_unique<CurlTransport>(*config));
  ResourceRef cms{"", "v1", "configmaps", argv[2], "", ""};
  int objects = std::stoi(argv[3]);
  int repeats = std::stoi(argv[4]);
  std::vector<double> lists;
  for (int i = 0; i < repeats; ++i) {
    auto t = Clock::now();
    auto r = client.list(cms, ListOptions{"bench=kube", "", 0});
    if (!r || static_cast<int>((*r)["items"].size()) < objects) {
      std::cerr << "list failed\n";
      return 1;
    }
    lists.push_back(ms_since(t));
  }
  std::vector<double> latencies;
  auto rv = (*client.list(cms, ListOptions{"", "", 1}))["metadata"].value("resourceVersion", "");
  std::atomic<bool> cancel{false};
  std::mutex mu;
  std::map<std::string, Clock::time_point> sent;
  std::thread watcher([&] {
    WatchOptions wo;
    wo.resource_version = rv;
    wo.cancel = &cancel;
    (void)watch_once(client, cms, wo, [&](const WatchEvent& e) {
      std::string name = e.object["metadata"].value("name", "");
      std::lock_guard<std::mutex> lock(mu);
      if (e.type == "ADDED" && sent.count(name) != 0) {
        latencies.push_back(ms_since(sent[name]));
      }
      return static_cast<int>(latencies.size()) < repeats;
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int i = 0; i < repeats; ++i) {
    std::string name = "watched-" + std::to_string(i);
    {
      std::lock_guard<std::mutex> lock(mu);
      sent[name] = Clock::now();
    }
    (void)client.create(cms, config_map(name));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  watcher.join();
  for (int i = 0; i < repeats; ++i) {
    (void)client.remove(with_name(cms, "watched-" + std::to_string(i)));
  }
  std::cout << json{{"list", summary(lists)}, {"watch_latency", summary(latencies)}, {"objects", objects}}.dump()
            << "\n";
  return 0;
}
