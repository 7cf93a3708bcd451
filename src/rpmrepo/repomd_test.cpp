#include "rpmrepo/repomd.h"

#include <gtest/gtest.h>

#include "rpmrepo/test_support.h"
#include "util/files.h"

namespace dl::rpmrepo {
namespace {

std::string repodata(const std::string& repo, const std::string& file) {
  auto text = util::read_file(test::fixture().repos() + "/" + repo + "/repodata/" + file);
  return text ? *text : std::string();
}

TEST(Repomd, FindsPrimaryAndVerifiesIt) {
  auto ref = parse_repomd(repodata("deps", "repomd.xml"));
  ASSERT_TRUE(ref) << ref.error().message;
  EXPECT_EQ(ref->href, "repodata/primary.xml.gz");
  EXPECT_EQ(ref->checksum_type, "sha256");
  EXPECT_EQ(ref->checksum.size(), 64u);
  EXPECT_TRUE(verify_primary(*ref, repodata("deps", "primary.xml.gz")));
  auto wrong = verify_primary(*ref, repodata("deps", "filelists.xml.gz"));
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("does not match repomd.xml"), std::string::npos);
}

TEST(Repomd, RejectsWhatIsNotRepomd) {
  EXPECT_FALSE(parse_repomd("<html>not found</html"));
  auto none = parse_repomd("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>1</revision></repomd>");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("no primary"), std::string::npos);
}

TEST(Repomd, ChecksumsMatchKnownDigests) {
  EXPECT_EQ(checksum_hex("sha256", "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(checksum_hex("sha1", "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(checksum_hex("crc99", "abc"), "");
}

}  // namespace
}  // namespace dl::rpmrepo
