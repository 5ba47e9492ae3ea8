// unit: the demo issuer's private key on disk (api.md "Safe edges" hardening):
// created 0600 whatever the umask, and never written through a file or a
// symbolic link left where its temporary file goes.

#include "adapters/identity/demo_issuer.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace discipline::identity {
namespace {

std::string TempDir() {
  const char* base = std::getenv("DISCIPLINE_TEST_TMP");
  std::string tmpl = std::string(base != nullptr ? base : "/tmp") + "/demo-issuer-XXXXXX";
  EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
  return tmpl;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DemoIssuer, ThePrivateKeyIsCreated0600WhateverTheUmask) {
  const std::string root = TempDir();
  const mode_t old = umask(0);
  auto issuer = DemoIssuer::OpenOrCreate(root + "/identity");
  umask(old);
  ASSERT_TRUE(issuer.ok()) << issuer.status();
  struct stat st;
  ASSERT_EQ(lstat((root + "/identity/demo-issuer.key").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat((root + "/identity").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u) << "the identity directory is the owner's";
}

TEST(DemoIssuer, TheKeyIsNotWrittenThroughALinkLeftInPlaceOfItsTemporaryFile) {
  const std::string root = TempDir();
  const std::string dir = root + "/identity";
  ASSERT_EQ(mkdir(dir.c_str(), 0700), 0);
  const std::string victim = root + "/victim.txt";
  { std::ofstream(victim) << ""; }
  chmod(victim.c_str(), 0644);
  ASSERT_EQ(symlink(victim.c_str(), (dir + "/demo-issuer.key.tmp").c_str()), 0);
  auto issuer = DemoIssuer::OpenOrCreate(dir);
  ASSERT_TRUE(issuer.ok()) << issuer.status();
  EXPECT_EQ(Slurp(victim), "") << "the private key went through the link";
  struct stat st;
  ASSERT_EQ(lstat((dir + "/demo-issuer.key").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(Slurp(dir + "/demo-issuer.key").find("PRIVATE KEY"), std::string::npos);
}

}  // namespace
}  // namespace discipline::identity
