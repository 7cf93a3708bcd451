#include "spec/formats.h"

#include <gtest/gtest.h>

#include "spec/platform.h"

namespace dl::spec {

TEST(Formats, Dns1123) {
  EXPECT_TRUE(is_dns1123_subdomain("master"));
  EXPECT_TRUE(is_dns1123_subdomain("infra.gpu-1"));
  EXPECT_FALSE(is_dns1123_subdomain("Master"));
  EXPECT_FALSE(is_dns1123_subdomain("-worker"));
  EXPECT_FALSE(is_dns1123_subdomain("worker_1"));
  EXPECT_FALSE(is_dns1123_subdomain(std::string(254, 'a')));
  EXPECT_TRUE(is_dns1123_label("a1"));
  EXPECT_FALSE(is_dns1123_label("a.b"));
}

TEST(Formats, StorageQuantity) {
  EXPECT_EQ(parse_storage_quantity("100Gi"), 100.0 * 1024 * 1024 * 1024);
  EXPECT_EQ(parse_storage_quantity("1.5T"), 1.5e12);
  EXPECT_EQ(parse_storage_quantity("512"), 512.0);
  for (const char* bad : {"100GB", "Gi", "-1Gi", "0", "1 Gi", "10gi", ""}) EXPECT_FALSE(parse_storage_quantity(bad)) << bad;
}

TEST(Formats, Duration) {
  EXPECT_EQ(parse_duration("720h"), 720LL * 3600);
  EXPECT_EQ(parse_duration("1h30m"), 5400);
  EXPECT_EQ(parse_duration("45s"), 45);
  for (const char* bad : {"", "1d", "h", "10", "1.5h", "30m1h"}) EXPECT_FALSE(parse_duration(bad)) << bad;
  EXPECT_EQ(format_duration(5400), "1h30m");
  EXPECT_EQ(format_duration(0), "0s");
}

TEST(Formats, PushSpecFollowsTheCrdCel) {
  // Accepted and rejected examples from the openshift/api CRD tests (facts §1.1).
  EXPECT_TRUE(matches_push_spec_cel("registry.test.example.local:5000/test/custom-os-image:v0.1"));
  EXPECT_TRUE(matches_push_spec_cel("quay.io/mco/renderedImg:latest"));
  EXPECT_TRUE(matches_push_spec_cel("image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest"));
  EXPECT_FALSE(matches_push_spec_cel("foo.bar"));
  EXPECT_FALSE(matches_push_spec_cel("quay.io/mco/img"));            // tag is mandatory
  EXPECT_FALSE(matches_push_spec_cel("localhost:5000/mco/img:tag"));  // host needs a dot
  EXPECT_FALSE(push_spec_repository_is_lower("quay.io/mco/renderedImg:latest"));
  EXPECT_EQ(push_spec_path_depth("quay.io/a/b/c:t"), 2);
  EXPECT_EQ(push_spec_path_depth("quay.io/a/c:t"), 1);
}

TEST(Formats, UrlsAndPackages) {
  EXPECT_TRUE(is_url("https://linux.mellanox.com/public/repo/doca", false));
  EXPECT_TRUE(is_url("http://127.0.0.1:8080/repo", false));
  EXPECT_TRUE(is_url("file:///srv/mirror", true));
  EXPECT_FALSE(is_url("file:///srv/mirror", false));
  EXPECT_FALSE(is_url("ftp://x.org/", true));
  EXPECT_FALSE(is_url("https://", true));
  EXPECT_TRUE(is_package_name("libyaml-devel"));
  EXPECT_TRUE(is_package_name("python3.11+x"));
  EXPECT_FALSE(is_package_name("foo;rm -rf /"));
  EXPECT_FALSE(is_package_name("$(id)"));
}

TEST(Platform, RhcosBasePerRelease) {
  auto base = [](const char* v) { return rhcos_base(*parse_ocp_version(v)); };
  EXPECT_EQ(base("4.20.15")->rhel_minor, 6);
  EXPECT_EQ(base("4.20.15")->stock_ovs, "openvswitch3.5");
  EXPECT_EQ(base("4.21")->rhel_minor, 6);
  EXPECT_EQ(base("4.22")->rhel_minor, 8);
  EXPECT_EQ(base("4.23")->rhel_major, 10);
  EXPECT_EQ(base("4.16")->stock_ovs, "openvswitch3.3");
  EXPECT_FALSE(base("4.15").has_value());
  EXPECT_FALSE(parse_ocp_version("4").has_value());
  EXPECT_EQ(doca_repo_arch("aarch64"), "arm64-sbsa");
  EXPECT_EQ(doca_version_key("3.3.0"), 30300);
  EXPECT_FALSE(doca_version_key("latest").has_value());
}

}  // namespace dl::spec
