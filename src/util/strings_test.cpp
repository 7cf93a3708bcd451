#include "util/strings.h"

#include <gtest/gtest.h>

namespace dl::util {

TEST(Strings, SplitKeepsEmptyFields) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}

TEST(Strings, JoinAndTrim) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(trim("  x y \n"), "x y");
  EXPECT_EQ(trim(" \t"), "");
}

TEST(Strings, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

TEST(Strings, DidYouMeanFindsCloseWordsOnly) {
  std::vector<std::string> words = {"storageClass", "size", "replicas"};
  EXPECT_EQ(did_you_mean("storageclass", words), "storageClass");
  EXPECT_EQ(did_you_mean("replica", words), "replicas");
  EXPECT_FALSE(did_you_mean("banana", words).has_value());
}

TEST(Strings, ReplaceAll) { EXPECT_EQ(replace_all("a-b-c", "-", "--"), "a--b--c"); }

}  // namespace dl::util
