#include "kube/resource_ref.h"

#include <gtest/gtest.h>

namespace dl::kube {
namespace {

TEST(ResourceRef, BuildsCoreGroupedNamespacedAndClusterPaths) {
  struct Case {
    ResourceRef ref;
    std::string path;
  };
  std::vector<Case> cases = {
      {{"", "v1", "namespaces", "", "", ""}, "/api/v1/namespaces"},
      {{"", "v1", "namespaces", "", "default", ""}, "/api/v1/namespaces/default"},
      {{"", "v1", "configmaps", "ovs", "", ""}, "/api/v1/namespaces/ovs/configmaps"},
      {{"", "v1", "configmaps", "ovs", "repo", ""}, "/api/v1/namespaces/ovs/configmaps/repo"},
      {{"", "v1", "pods", "ovs", "p", "log"}, "/api/v1/namespaces/ovs/pods/p/log"},
      {{"machineconfiguration.openshift.io", "v1", "machineconfigpools", "", "worker", "status"},
       "/apis/machineconfiguration.openshift.io/v1/machineconfigpools/worker/status"},
      {{"apps", "v1", "deployments", "a b", "x/y", ""}, "/apis/apps/v1/namespaces/a%20b/deployments/x%2Fy"},
      {{"", "v1", "pods", "ovs", "", "log"}, "/api/v1/namespaces/ovs/pods"},  // no name: no subresource
  };
  for (const auto& c : cases) {
    EXPECT_EQ(resource_path(c.ref), c.path);
  }
}

TEST(ResourceRef, QueryStringSkipsEmptyValuesAndEncodes) {
  EXPECT_EQ(query_string({}), "");
  EXPECT_EQ(query_string({{"a", ""}, {"b", ""}}), "");
  EXPECT_EQ(query_string({{"labelSelector", "app=ovs,tier in (a,b)"}, {"limit", "2"}}),
            "?labelSelector=app%3Dovs%2Ctier%20in%20%28a%2Cb%29&limit=2");
  EXPECT_EQ(url_encode("Az09-._~"), "Az09-._~");
}

}  // namespace
}  // namespace dl::kube
