#ifndef DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_
#define DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_

// A fixed pool of threads for the handlers' blocking work (database and
// personnel calls), so gRPC's callback threads are never blocked. Stop()
// finishes the queued work, then joins.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace discipline::grpc_api {

class Executor {
 public:
  explicit Executor(int threads);
  ~Executor();
  void Submit(std::function<void()> task);
  void Stop();

 private:
  void Loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_
