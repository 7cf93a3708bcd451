#include "util/yaml_emit.h"

#include <gtest/gtest.h>

namespace dl::util {

TEST(YamlEmit, QuotesEverythingAYamlReaderWouldRetype) {
  for (const char* s : {"y", "n", "yes", "No", "on", "OFF", "true", "null", "~", "3.3.0", "4.20", "100", "0x1f", "1e3",
                        "2026-01-01", "12:30", "-1", ".5", "", " lead", "trail ", "a: b", "x #c", "-dash", "@at", "a,b"}) {
    EXPECT_FALSE(is_plain_safe(s)) << s;
  }
  for (const char* s : {"master", "100Gi", "lvms-vg1", "image-registry.svc:5000/ns/os-image:latest",
                        "https://linux.mellanox.com/public/repo/doca", "CentOS Stream 9 - BaseOS", "NoArch"}) {
    EXPECT_TRUE(is_plain_safe(s)) << s;
  }
}

TEST(YamlEmit, NestedMapsListsAndBlocks) {
  ojson v = {{"metadata", {{"name", "x"}, {"namespace", "y"}}},
             {"spec", {{"accessModes", ojson::array({"ReadWriteOnce"})}, {"empty", ojson::object()}, {"none", ojson::array()}}},
             {"items", ojson::array({{{"a", 1}, {"b", true}}, "s"})},
             {"text", "line1\nline2\n"},
             {"strip", "l1\nl2"}};
  EXPECT_EQ(to_yaml(v),
            "metadata:\n  name: x\n  namespace: \"y\"\nspec:\n  accessModes:\n  - ReadWriteOnce\n  empty: {}\n  none: []\n"
            "items:\n- a: 1\n  b: true\n- s\ntext: |\n  line1\n  line2\nstrip: |-\n  l1\n  l2\n");
}

TEST(YamlEmit, BlockLiteralKeepsBlankLinesAndFallsBackWhenItCannot) {
  EXPECT_EQ(to_yaml(ojson{{"t", "a\n\nb"}}), "t: |-\n  a\n\n  b\n");
  EXPECT_EQ(to_yaml(ojson{{"t", " indented\nx"}}), "t: \" indented\\nx\"\n");
  EXPECT_EQ(to_yaml(ojson{{"t", "two trailing\n\n"}}), "t: \"two trailing\\n\\n\"\n");
}

}  // namespace dl::util
