// Reference solution for exercise 05: the pipeline and main's join loop.
#include "exercises/05_watcher/pipeline.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <utility>

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

// Waits `pause`, or less if a stop is requested meanwhile. Sleeps while it waits.
void WaitUnlessStopped(std::chrono::nanoseconds pause, std::stop_token stop) {
  std::mutex mu;
  std::condition_variable_any wakeup;
  std::unique_lock<std::mutex> lock(mu);
  wakeup.wait_for(lock, stop, pause, [] { return false; });
}

void Produce(Shared& shared, const PipelineOptions& options, std::stop_token stop) {
  const std::chrono::nanoseconds pause =
      options.rate > 0 ? std::chrono::nanoseconds(std::chrono::seconds(1)) / options.rate
                       : std::chrono::nanoseconds(0);
  for (std::int64_t item = 0; !options.items || item < *options.items; ++item) {
    if (item > 0 && pause.count() > 0) WaitUnlessStopped(pause, stop);
    if (stop.stop_requested() || !shared.queue.Push(item)) break;
    shared.produced.fetch_add(1);
  }
  shared.queue.Close();  // no more items: the consumers drain the queue, then end
}

void Consume(Shared& shared, int index, const PipelineOptions& options) {
  while (const std::optional<std::int64_t> item = shared.queue.Pop()) {
    shared.taken.fetch_add(1);
    ProcessItem(index, *item, options);
    shared.consumed.fetch_add(1);
  }
}

std::string Names(const std::vector<Worker*>& workers) {
  std::string names;
  for (const Worker* worker : workers) names += (names.empty() ? "" : " ") + worker->name();
  return names;
}

// thread_prod.py's loop: join every alive thread with a small timeout until none is left, or
// until `grace` after a stop request; then abandon the rest. Returns the abandoned names.
std::vector<std::string> JoinOrAbandon(std::vector<Worker>& workers, std::stop_token stop,
                                       std::chrono::milliseconds grace) {
  std::vector<Worker*> alive;
  for (Worker& worker : workers) alive.push_back(&worker);
  std::string reported = Names(alive);
  std::optional<Clock::time_point> deadline;
  while (!alive.empty()) {
    if (!deadline && stop.stop_requested()) deadline = Clock::now() + grace;
    if (deadline && Clock::now() >= *deadline) {
      PrintLine("abandoned: " + Names(alive));
      std::vector<std::string> abandoned;
      for (Worker* worker : alive) {
        worker->Abandon();
        abandoned.push_back(worker->name());
      }
      return abandoned;
    }
    std::erase_if(alive, [&](Worker* worker) {
      const Clock::duration left = deadline ? *deadline - Clock::now() : Clock::duration(kJoinTick);
      return worker->JoinFor(std::min<Clock::duration>(kJoinTick, left));
    });
    if (alive.empty()) break;
    if (std::string names = Names(alive); names != reported) {
      reported = std::move(names);
      PrintLine("still alive: " + reported);
    }
  }
  return {};
}

}  // namespace

Summary RunPipeline(const PipelineOptions& options, std::stop_token stop) {
  const auto shared = std::make_shared<Shared>(options.capacity);
  // A stop request closes the queue: a producer blocked on a full queue wakes up, and the
  // consumers end once they have drained it.
  std::stop_callback close_on_stop(stop, [shared] { shared->queue.Close(); });
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
  summary.produced = shared->produced.load();
  summary.consumed = shared->consumed.load();
  summary.dropped =
      static_cast<std::int64_t>(shared->queue.size()) + shared->taken.load() - summary.consumed;
  return summary;
}

}  // namespace kata
