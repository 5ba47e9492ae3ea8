#include "adapters/mariadb/pool.h"

namespace discipline::mariadb {

absl::Status Pool::With(const std::function<absl::Status(Connection&)>& fn) {
  bool reused = false;
  return Run(fn, &reused);
}

absl::Status Pool::Read(const std::function<absl::Status(Connection&)>& fn) {
  bool reused = false;
  absl::Status s = Run(fn, &reused);
  if (s.code() == absl::StatusCode::kUnavailable && reused) s = Run(fn, &reused);
  return s;
}

Pool::Use Pool::use() {
  std::lock_guard<std::mutex> lock(mu_);
  return {open_ - static_cast<int>(idle_.size()), open_, size_};
}

absl::Status Pool::Run(const std::function<absl::Status(Connection&)>& fn, bool* reused) {
  std::unique_ptr<Connection> conn;
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    *reused = !idle_.empty();
    if (!idle_.empty()) {
      conn = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;
    }
  }
  if (conn == nullptr) {
    auto opened = Connection::Open(options_);
    if (!opened.ok()) {
      std::lock_guard<std::mutex> lock(mu_);
      --open_;
      cv_.notify_one();
      return opened.status();
    }
    conn = std::move(*opened);
  }
  absl::Status s = fn(*conn);
  std::lock_guard<std::mutex> lock(mu_);
  // After a connection-level failure the session state is unknown: close it.
  if (s.code() == absl::StatusCode::kUnavailable || s.code() == absl::StatusCode::kInternal) {
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
  cv_.notify_one();
  return s;
}

}  // namespace discipline::mariadb
