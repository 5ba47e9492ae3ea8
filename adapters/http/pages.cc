#include "adapters/http/pages.h"

#include <httplib.h>

#include <string>

#include "absl/strings/string_view.h"
#include "service/common/embedded_file.h"

namespace discipline::http {
namespace embedded {
extern const EmbeddedFileList kPages;
}  // namespace embedded
namespace {

// One URL (a regular expression of cpp-httplib) and the embedded file it
// serves. A page needs the caller's Authorization header (the intranet's
// proxy adds it); a static file (script, style) does not.
struct PageRoute {
  const char* pattern;
  const char* file;
  const char* content_type;
  bool page;
};

constexpr char kHtml[] = "text/html; charset=utf-8";

constexpr PageRoute kPageRoutes[] = {
    {"/ppk/", "inbox.html", kHtml, true},
    {R"(/ppk/cases/([A-Za-z0-9_-]{1,40}))", "decision.html", kHtml, true},
    {R"(/audit/cases/([A-Za-z0-9_-]{1,40}))", "audit.html", kHtml, true},
    {"/kasus/", "kasus.html", kHtml, true},
    {R"(/kasus/cases/([A-Za-z0-9_-]{1,40}))", "kasus.html", kHtml, true},
    {"/laporan/", "laporan.html", kHtml, true},
    {"/static/app.js", "app.js", "text/javascript; charset=utf-8", false},
    {"/static/app.css", "app.css", "text/css; charset=utf-8", false},
};

// A page's directory without its slash redirects to it.
constexpr const char* kRedirects[] = {"/ppk", "/laporan"};

// The pages need the intranet's proxy: without its Authorization header
// the official gets a page that says so, not a blank screen.
constexpr char kNoLogin[] = R"(<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Perlu masuk melalui intranet</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><h1>Perlu masuk melalui intranet</h1>
<p>Halaman keputusan hukuman disiplin hanya dapat dibuka melalui portal intranet instansi Anda, setelah
masuk dengan akun SSO. Permintaan ini datang tanpa identitas (tanpa token Authorization).</p>
<p>Buka kembali halaman ini dari menu intranet, atau hubungi pengelola kepegawaian bila masalah berlanjut.</p>
</body></html>)";

absl::string_view Embedded(absl::string_view name) {
  for (const EmbeddedFile& f : embedded::kPages) {
    if (f.name == name) return f.contents;
  }
  return {};
}

void Serve(const PageRoute& route, const httplib::Request& req, httplib::Response& res) {
  if (route.page) {
    if (!req.has_header("Authorization")) {
      res.status = 401;
      res.set_content(kNoLogin, kHtml);
      return;
    }
    res.set_header("Cache-Control", "no-store");
  }
  res.set_content(std::string(Embedded(route.file)), route.content_type);
}

}  // namespace

void AddPages(httplib::Server& server) {
  for (const PageRoute& route : kPageRoutes) {
    server.Get(route.pattern,
               [&route](const httplib::Request& req, httplib::Response& res) { Serve(route, req, res); });
  }
  for (const char* from : kRedirects) {
    server.Get(from, [to = std::string(from) + "/"](const httplib::Request&, httplib::Response& res) {
      res.set_redirect(to);
    });
  }
}

}  // namespace discipline::http
