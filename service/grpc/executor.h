#ifndef DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_
#define DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_

// A fixed pool of threads for the handlers' blocking work (database and
// personnel calls), so gRPC's callback threads are never blocked. Stop()
// finishes the queued work, then joins. New calls are admitted with
// TrySubmit, which refuses once `max_queued` tasks wait (backpressure: the
// caller answers RESOURCE_EXHAUSTED); the next steps of a call already
// admitted use Submit, which always queues, so no admitted call is dropped.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/grpcpp.h"

namespace discipline::grpc_api {

class Executor {
 public:
  explicit Executor(int threads, size_t max_queued = 1024);
  ~Executor();
  void Submit(std::function<void()> task);
  // False (and `task` not run) when max_queued tasks already wait.
  bool TrySubmit(std::function<void()> task);
  size_t queued();
  void Stop();

 private:
  void Loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  const size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Runs `work` on the executor and finishes the unary call with its status;
// RESOURCE_EXHAUSTED at once when the queue is full.
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* ctx, Executor& executor,
                                   std::function<absl::Status()> work);

}  // namespace discipline::grpc_api

#endif  // DISCIPLINE_SERVICE_GRPC_EXECUTOR_H_
