// unit: the executor's backpressure: new calls are refused once the queue
// is full, the next steps of admitted calls are always queued, and every
// admitted task runs.

#include "service/grpc/executor.h"

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace discipline::grpc_api {
namespace {

TEST(Executor, RefusesNewWorkOnceTheQueueIsFullAndRunsEverythingAdmitted) {
  Executor executor(1, /*max_queued=*/4);
  absl::Notification release;
  std::atomic<int> ran{0};
  // Occupy the only worker.
  ASSERT_TRUE(executor.TrySubmit([&] {
    release.WaitForNotification();
    ++ran;
  }));
  while (executor.queued() != 0) absl::SleepFor(absl::Milliseconds(1));
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(executor.TrySubmit([&] { ++ran; })) << i;
  EXPECT_FALSE(executor.TrySubmit([&] { ++ran; })) << "a fifth waiting call is refused";
  // A continuation of an admitted call is never refused.
  executor.Submit([&] { ++ran; });
  EXPECT_EQ(executor.queued(), 5u);
  release.Notify();
  executor.Stop();
  EXPECT_EQ(ran.load(), 1 + 4 + 1);
}

}  // namespace
}  // namespace discipline::grpc_api
