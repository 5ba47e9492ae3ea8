// unit: the reporter seal (api.md, "Safe edges": no value another role can
// read is computed from the reporter without the server's secret).

#include "adapters/common/reporter_seal.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "adapters/common/digest.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace discipline::adapters {
namespace {

using ::discipline::testing::StatusIs;

constexpr char kReporter[] = "Dra. Siti Aminah, 0812-3456-7890";

std::shared_ptr<const ReporterSeal> SealWith(char fill) {
  auto s = ReporterSeal::FromKey(std::string(32, fill));
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

TEST(ReporterSealTest, SealedValueOpensWithTheSameKeyAndCase) {
  auto seal = SealWith('a');
  auto sealed = seal->Seal("case-1", kReporter);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_FALSE(absl::StrContains(*sealed, "Siti")) << "the stored value is not the plaintext";
  // 1 format byte, 12 of nonce, the ciphertext, 16 of tag.
  EXPECT_EQ(sealed->size(), 1 + 12 + std::string(kReporter).size() + 16);
  auto opened = seal->Open("case-1", *sealed);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, kReporter);
}

TEST(ReporterSealTest, EachSealHasItsOwnNonce) {
  auto seal = SealWith('a');
  auto one = seal->Seal("case-1", kReporter);
  auto two = seal->Seal("case-1", kReporter);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(one->substr(1, 12), two->substr(1, 12)) << "a nonce is never reused";
  EXPECT_NE(*one, *two);
}

TEST(ReporterSealTest, WrongKeyIsAnErrorNeverAWrongReporter) {
  auto sealed = SealWith('a')->Seal("case-1", kReporter);
  ASSERT_TRUE(sealed.ok());
  auto other = SealWith('b')->Open("case-1", *sealed);
  EXPECT_THAT(other.status(), StatusIs(absl::StatusCode::kInternal));
  EXPECT_FALSE(absl::StrContains(other.status().message(), "Siti"));
}

TEST(ReporterSealTest, AnotherCaseOrAnAlteredValueDoesNotOpen) {
  auto seal = SealWith('a');
  auto sealed = seal->Seal("case-1", kReporter);
  ASSERT_TRUE(sealed.ok());
  EXPECT_FALSE(seal->Open("case-2", *sealed).ok()) << "bound to its case";
  std::string flipped = *sealed;
  flipped[20] ^= 1;
  EXPECT_FALSE(seal->Open("case-1", flipped).ok()) << "the tag covers the ciphertext";
  EXPECT_FALSE(seal->Open("case-1", sealed->substr(0, 10)).ok());
}

TEST(ReporterSealTest, CommitmentIsKeyedAndBoundToTheCase) {
  auto a = SealWith('a');
  auto b = SealWith('b');
  const std::string c = a->Commitment("case-1", kReporter);
  EXPECT_EQ(c.size(), 64u);
  EXPECT_EQ(c, a->Commitment("case-1", kReporter)) << "deterministic under one key";
  EXPECT_NE(c, b->Commitment("case-1", kReporter)) << "another key, another commitment";
  EXPECT_NE(c, a->Commitment("case-2", kReporter)) << "two cases of one reporter are not linkable";
  EXPECT_NE(c, a->Commitment("case-1", "Budi")) << "binds the reporter";
  // Without the key the commitment is not the plain digest of the reporter.
  EXPECT_NE(c, Sha256Hex(kReporter));
  EXPECT_NE(a->RequestDigest("request"), b->RequestDigest("request"));
  EXPECT_NE(a->RequestDigest("request"), Sha256Hex("request"));
}

TEST(ReporterSealTest, KeyIdTellsKeysApartAndIsNotTheKey) {
  auto a = SealWith('a');
  EXPECT_EQ(a->key_id().size(), 16u);
  EXPECT_EQ(a->key_id(), SealWith('a')->key_id());
  EXPECT_NE(a->key_id(), SealWith('b')->key_id());
  EXPECT_FALSE(absl::StrContains(a->key_id(), "6161")) << "not the key's hex";
}

std::string TempFile(const std::string& name, const std::string& content) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = std::string(dir != nullptr ? dir : "/tmp") + "/reporter_seal_test_" + name;
  std::ofstream(path) << content;
  return path;
}

TEST(ReporterSealTest, KeyFileHolds64HexDigits) {
  const std::string hex(64, 'a');
  auto from_file = ReporterSeal::FromKeyFile(TempFile("good", hex + "\n"));
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_EQ((*from_file)->key_id(), SealWith('\xaa')->key_id());

  auto short_key = ReporterSeal::FromKeyFile(TempFile("short", "abcd\n"));
  EXPECT_THAT(short_key.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(absl::StrContains(short_key.status().message(), "abcd")) << "no key material in the error";
  const std::string not_hex = std::string(63, 'a') + "z";
  auto bad = ReporterSeal::FromKeyFile(TempFile("nothex", not_hex));
  EXPECT_THAT(bad.status(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_FALSE(absl::StrContains(bad.status().message(), not_hex));
  EXPECT_THAT(ReporterSeal::FromKeyFile("/nonexistent/reporter.key").status(), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace discipline::adapters
