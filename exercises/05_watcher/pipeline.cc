// Exercise 05, part 3: the pipeline and main's join loop. Make the tests in
// pipeline_app_test.cc and shutdown_test.cc pass (together with watcher.cc).
// README.md explains the task; HINTS.md helps when you are stuck.
#include "exercises/05_watcher/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "exercises/05_watcher/bounded_queue.h"
#include "exercises/05_watcher/worker.h"

namespace kata {
namespace {

using Clock = std::chrono::steady_clock;

// What the pipeline's threads share. Held through a shared_ptr by every thread, so that an
// abandoned thread keeps it alive after RunPipeline has returned.
struct Shared {
  explicit Shared(std::size_t capacity) : queue(capacity) {}
  BoundedQueue queue;
  std::atomic<std::int64_t> produced{0};  // items pushed
  std::atomic<std::int64_t> taken{0};     // items popped by a consumer
  std::atomic<std::int64_t> consumed{0};  // items a consumer finished
};

// Given: waits `pause`, or less if a stop is requested meanwhile. Sleeps while it waits.
[[maybe_unused]] void WaitUnlessStopped(std::chrono::nanoseconds pause, std::stop_token stop) {
  std::mutex mu;
  std::condition_variable_any wakeup;
  std::unique_lock<std::mutex> lock(mu);
  wakeup.wait_for(lock, stop, pause, [] { return false; });
}

void Produce(Shared& shared, const PipelineOptions& options, std::stop_token stop) {
  // TODO: push items 0, 1, 2, ... (count them in shared.produced), waiting 1/options.rate s
  // between two items with WaitUnlessStopped (no wait if rate is 0). Stop after options.items
  // items (if set), when a stop is requested, or when Push fails. Then close the queue.
  (void)shared;
  (void)options;
  (void)stop;
}

void Consume(Shared& shared, int index, const PipelineOptions& options) {
  // TODO: pop items until Pop says the queue is closed and empty -- do not stop earlier, even if
  // a stop was requested: drain the queue. Count each item in shared.taken as soon as you have
  // it, hand it to ProcessItem(index, item, options), then count it in shared.consumed.
  (void)shared;
  (void)index;
  (void)options;
}

// Given: the names of `workers`, separated by spaces.
[[maybe_unused]] std::string Names(const std::vector<Worker*>& workers) {
  std::string names;
  for (const Worker* worker : workers) names += (names.empty() ? "" : " ") + worker->name();
  return names;
}

// thread_prod.py's loop: join every alive thread with a small timeout until none is left, or
// until `grace` after a stop request; then abandon the rest. Returns the abandoned names.
std::vector<std::string> JoinOrAbandon(std::vector<Worker>& workers, std::stop_token stop,
                                       std::chrono::milliseconds grace) {
  // TODO: keep a list of the workers still alive. Loop while it is not empty:
  //  - the first time you see stop.stop_requested(), set a deadline `grace` from now;
  //  - once the deadline has passed: PrintLine("abandoned: " + names), Abandon() each of them,
  //    and return their names;
  //  - JoinFor each alive worker with at most kJoinTick (and never past the deadline), and drop
  //    the ones that have finished;
  //  - when the names of those still alive change, PrintLine("still alive: " + names).
  (void)workers;
  (void)stop;
  (void)grace;
  return {};
}

}  // namespace

Summary RunPipeline(const PipelineOptions& options, std::stop_token stop) {
  const auto shared = std::make_shared<Shared>(options.capacity);
  // TODO: make a stop request close the queue, so that a producer blocked on a full queue wakes
  // up and the consumers end once they have drained it (std::stop_callback).
  std::vector<Worker> workers;
  workers.reserve(options.consumers + 1);
  workers.emplace_back("producer", [shared, options, stop] { Produce(*shared, options, stop); });
  for (int index = 0; index < options.consumers; ++index) {
    workers.emplace_back("consumer-" + std::to_string(index),
                         [shared, options, index] { Consume(*shared, index, options); });
  }
  PrintLine("ready");
  Summary summary;
  summary.abandoned = JoinOrAbandon(workers, stop, options.grace);
  // TODO: fill in produced, consumed and dropped: the items still in the queue plus those taken
  // but never consumed (an abandoned consumer holds them).
  return summary;
}

}  // namespace kata
