#ifndef DISCIPLINE_ADAPTERS_HTTP_PAGES_H_
#define DISCIPLINE_ADAPTERS_HTTP_PAGES_H_

// The intranet's pages: static files of adapters/http/pages/ compiled into
// the binary (CMake embeds every file of the directory), calling /v1 from
// the browser. Which URL serves which file is the list kPageRoutes in
// pages.cc: a new page is a file in the directory and a line in the list.

namespace httplib {
class Server;
}  // namespace httplib

namespace discipline::http {

// Serves the pages, their redirects (a page's directory without its slash)
// and the static files on `server`.
void AddPages(httplib::Server& server);

}  // namespace discipline::http

#endif  // DISCIPLINE_ADAPTERS_HTTP_PAGES_H_
