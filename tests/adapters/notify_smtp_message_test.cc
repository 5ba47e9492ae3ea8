// The e-mail as it goes to the relay: headers, the fixed Message-ID, the
// UTF-8 body in base64.

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "adapters/notify/smtp.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace discipline::notify {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SmtpMessageTest, HeadersAndBody) {
  SmtpOptions o{.url = "smtp://127.0.0.1:2525", .from = "disiplin@contoh.go.id", .from_name = "Layanan Disiplin"};
  ports::Notification n;
  n.recipient = "budi@contoh.go.id";
  n.subject = "Surat Panggilan I Pemeriksaan";
  n.body = "Yth. Budi — pukul 09.00 WIB\n";
  n.message_id = "<case-1.2.summons1.email@asn-discipline.notify>";
  const std::string m = SmtpMessage(o, n, absl::FromUnixSeconds(0));
  EXPECT_THAT(m, HasSubstr("Message-ID: <case-1.2.summons1.email@asn-discipline.notify>\r\n"));
  EXPECT_THAT(m, HasSubstr("To: <budi@contoh.go.id>\r\n"));
  EXPECT_THAT(m, HasSubstr("From: Layanan Disiplin <disiplin@contoh.go.id>\r\n"));
  EXPECT_THAT(m, HasSubstr("Subject: Surat Panggilan I Pemeriksaan\r\n"));
  EXPECT_THAT(m, HasSubstr("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
  EXPECT_THAT(m, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"));
  const size_t split = m.find("\r\n\r\n");
  ASSERT_NE(split, std::string::npos);
  std::string b64 = m.substr(split + 4);
  b64.erase(std::remove(b64.begin(), b64.end(), '\r'), b64.end());
  b64.erase(std::remove(b64.begin(), b64.end(), '\n'), b64.end());
  std::string body;
  ASSERT_TRUE(absl::Base64Unescape(b64, &body));
  EXPECT_EQ(body, n.body);
}

TEST(SmtpMessageTest, NoHeaderInjectionAndNonAsciiSubjectEncoded) {
  SmtpOptions o{.url = "smtp://127.0.0.1:2525", .from = "disiplin@contoh.go.id"};
  ports::Notification n;
  n.recipient = "a@b.id";
  n.subject = "Panggilan\r\nBcc: x@y.z — ä";
  n.message_id = "<k@asn-discipline.notify>";
  const std::string m = SmtpMessage(o, n, absl::FromUnixSeconds(0));
  EXPECT_THAT(m, Not(HasSubstr("\r\nBcc:")));
  EXPECT_THAT(m, HasSubstr("Subject: =?UTF-8?B?"));
}

TEST(SmtpNotifierTest, CredentialsInUrlRefused) {
  auto n = SmtpNotifier::Create({.url = "smtp://user:secret@127.0.0.1:25", .from = "a@b.id"});
  EXPECT_EQ(n.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(n.status().message()), Not(HasSubstr("secret")));
}

}  // namespace
}  // namespace discipline::notify
