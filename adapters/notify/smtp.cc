#include "adapters/notify/smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace discipline::notify {
namespace {

// RFC 2047 encoded word for a header value that is not plain ASCII.
std::string EncodedWord(const std::string& text) {
  for (unsigned char ch : text) {
    if (ch >= 0x80 || ch < 0x20) return absl::StrCat("=?UTF-8?B?", absl::Base64Escape(text), "?=");
  }
  return text;
}

// Lines of at most 76 characters (RFC 2045 §6.8).
std::string Base64Lines(const std::string& data) {
  const std::string b64 = absl::Base64Escape(data);
  std::string out;
  for (size_t i = 0; i < b64.size(); i += 76) absl::StrAppend(&out, b64.substr(i, 76), "\r\n");
  return out;
}

// A header value without line breaks (no header injection).
std::string OneLine(std::string v) {
  for (char& ch : v) {
    if (ch == '\r' || ch == '\n') ch = ' ';
  }
  return v;
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
  bool finished = false;  // the read callback reported the end
};

size_t ReadCallback(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->data->size() - up->offset);
  if (n == 0) {
    up->finished = true;
    return 0;
  }
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

}  // namespace

std::string SmtpMessage(const SmtpOptions& options, const ports::Notification& n, absl::Time date) {
  const std::string from = options.from_name.empty()
                               ? absl::StrCat("<", options.from, ">")
                               : absl::StrCat(EncodedWord(OneLine(options.from_name)), " <", options.from, ">");
  return absl::StrCat("Date: ", absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", date, absl::UTCTimeZone()), "\r\n",
                      "From: ", from, "\r\n", "To: <", OneLine(n.recipient), ">\r\n",
                      "Subject: ", EncodedWord(OneLine(n.subject)), "\r\n", "Message-ID: ", OneLine(n.message_id),
                      "\r\n", "MIME-Version: 1.0\r\n", "Content-Type: text/plain; charset=UTF-8\r\n",
                      "Content-Transfer-Encoding: base64\r\n", "Content-Language: id\r\n", "\r\n", Base64Lines(n.body));
}

absl::StatusOr<std::unique_ptr<SmtpNotifier>> SmtpNotifier::Create(SmtpOptions options) {
  const size_t scheme = options.url.find("://");
  if (scheme == std::string::npos ||
      (!absl::StartsWith(options.url, "smtp://") && !absl::StartsWith(options.url, "smtps://"))) {
    return absl::InvalidArgumentError("smtp url: must be smtp://host:port or smtps://host:port");
  }
  if (options.url.find('@', scheme) != std::string::npos) {
    return absl::InvalidArgumentError("smtp url: must not carry credentials (use the user and the password file)");
  }
  if (options.from.empty() || options.from.find('@') == std::string::npos) {
    return absl::InvalidArgumentError("smtp from: an e-mail address is required");
  }
  std::string password;
  if (!options.user.empty()) {
    std::ifstream in(options.password_file);
    if (!in) return absl::NotFoundError(absl::StrCat("smtp password_file: cannot read ", options.password_file));
    std::stringstream text;
    text << in.rdbuf();
    password = std::string(absl::StripTrailingAsciiWhitespace(text.str()));
  }
  return std::unique_ptr<SmtpNotifier>(new SmtpNotifier(std::move(options), std::move(password)));
}

// One piece: one libcurl transfer set up and performed; its options belong
// together.
ports::SendResult SmtpNotifier::Send(const ports::Notification& n) {
  if (n.recipient.empty() || n.recipient.find('@') == std::string::npos ||
      n.recipient.find_first_of("<>\r\n ") != std::string::npos) {
    return {ports::SendOutcome::kRefused, "the recipient is not an e-mail address"};
  }
  const std::string message = SmtpMessage(options_, n, absl::Now());
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {ports::SendOutcome::kRetry, "smtp: libcurl could not start"};
  CURL* h = curl.get();
  const std::string mail_from = absl::StrCat("<", options_.from, ">");
  const std::string rcpt = absl::StrCat("<", n.recipient, ">");
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  Upload up{&message};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, &ReadCallback);
  curl_easy_setopt(h, CURLOPT_READDATA, &up);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_USE_SSL, options_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(absl::ToInt64Milliseconds(options_.timeout)));
  if (!options_.user.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
  }
  const CURLcode rc = curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(recipients);
  if (rc == CURLE_OK) return {ports::SendOutcome::kSent, ""};
  const std::string error =
      absl::StrCat("smtp: ", curl_easy_strerror(rc), errbuf[0] != '\0' ? ": " : "", errbuf, " (reply ", code, ")");
  // The relay refused our credentials: a configuration to fix, not a
  // refusal of this message.
  if (rc == CURLE_LOGIN_DENIED || code == 530 || code == 534 || code == 535 || code == 538) {
    return {ports::SendOutcome::kRetry, error};
  }
  // A 4xx or 5xx is the relay's final word on this transaction.
  if (code >= 500 && code < 600) return {ports::SendOutcome::kRefused, error};
  if (code >= 400 && code < 500) return {ports::SendOutcome::kRetry, error};
  // No final answer: whether the relay took the message depends on whether
  // it had all of it.
  if (up.finished) return {ports::SendOutcome::kMaybeSent, error};
  return {ports::SendOutcome::kRetry, error};
}

}  // namespace discipline::notify
