#include "sim/node/os_image.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dl::sim::node {
namespace {

bool has_package(const OsImage& image, const std::string& name) {
  return std::any_of(image.packages.begin(), image.packages.end(), [&](const std::string& p) {
    auto nvra = parse_nvra(p);
    return nvra && nvra->name == name;
  });
}

TEST(OsImage, ParsesNvra) {
  auto p = parse_nvra("doca-openvswitch-3.3.0040-1.el9.x86_64");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "doca-openvswitch");
  EXPECT_EQ(p->version, "3.3.0040");
  EXPECT_EQ(p->release, "1.el9");
  EXPECT_EQ(p->arch, "x86_64");
  auto q = parse_nvra("openvswitch3.5-3.5.0-51.el9fdp.x86_64");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->name, "openvswitch3.5");
  EXPECT_FALSE(parse_nvra("noversion.x86_64"));
  EXPECT_FALSE(parse_nvra("a-b"));
}

TEST(OsImage, StockImageFollowsTheReleaseTable) {
  EXPECT_TRUE(has_package(stock_rhcos_image("4.20"), "openvswitch3.5"));
  EXPECT_TRUE(has_package(stock_rhcos_image("4.18"), "openvswitch3.4"));
  EXPECT_TRUE(has_package(stock_rhcos_image("4.16"), "openvswitch3.3"));
  EXPECT_EQ(stock_rhcos_image("4.16").rhel_version, "9.4");
  EXPECT_EQ(stock_rhcos_image("4.22").rhel_version, "9.8");
  EXPECT_EQ(stock_rhcos_image("4.20").digest, stock_rhcos_image("4.20").digest);
  EXPECT_NE(stock_rhcos_image("4.20").digest, stock_rhcos_image("4.21").digest);
  EXPECT_EQ(stock_rhcos_image("4.20").digest.size(), 7u + 64u);
  EXPECT_FALSE(stock_rhcos_image("4.20").is_doca());
}

TEST(OsImage, DocaLayerReplacesOpenvswitch) {
  OsImage doca = ovs_doca_image(stock_rhcos_image("4.20"), "3.3.0109", "3.3.0040", "reg/os-image:latest",
                                "sha256:" + std::string(64, 'b'));
  EXPECT_TRUE(doca.is_doca());
  EXPECT_FALSE(has_package(doca, "openvswitch3.5"));
  EXPECT_TRUE(has_package(doca, "doca-openvswitch"));
  EXPECT_TRUE(has_package(doca, "openvswitch-selinux-extra-policy"));  // kept, as on the write-up's node
  EXPECT_EQ(doca.doca_version, "3.3.0109");
  EXPECT_EQ(doca.pull_spec, "reg/os-image:latest");
}

}  // namespace
}  // namespace dl::sim::node
