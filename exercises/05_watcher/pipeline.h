// Exercise 05: a producer, a bounded queue, K consumers -- and a shutdown that always ends.
//
// The shape of the seed's thread_prod.py: main starts the threads, then loops "while a thread
// is alive, join it with a small timeout", so it stays responsive instead of disappearing into
// one endless join(). Here a stop request (from the watcher thread, on Ctrl+C) starts an orderly
// shutdown; a thread that has not finished a grace period later is abandoned, by name, like a
// daemon thread, and the summary says how many items went with it. Read this contract, then make
// pipeline.cc fulfil it. Do not change this file.
//
// Thread safety: RunPipeline is for the program's main thread. ProcessItem may run on any thread.
#ifndef KATA_EXERCISES_05_WATCHER_PIPELINE_H_
#define KATA_EXERCISES_05_WATCHER_PIPELINE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "exercises/05_watcher/watcher.h"

namespace kata {

// The command line of pipeline_app; see pipeline_app.cc.
struct PipelineOptions {
  int consumers = 2;                      // K >= 1 consumer threads
  std::optional<std::int64_t> items;      // produce this many, then finish; nullopt: until stopped
  int rate = 20;                          // items per second at most; 0: as fast as they fit
  std::chrono::milliseconds work{50};     // how long a consumer works on one item
  std::chrono::milliseconds grace{2000};  // how long shutdown may take before abandoning threads
  bool stuck_consumer = false;            // consumer-0 gets stuck on its first item
  std::size_t capacity = 8;               // how many items the queue holds
};

struct Summary {
  std::int64_t produced = 0;  // items the producer put into the queue
  std::int64_t consumed = 0;  // items a consumer finished working on
  // Items left behind: still in the queue, or taken by a consumer that was abandoned before it
  // finished them. produced == consumed + dropped, always: nothing is lost silently.
  std::int64_t dropped = 0;
  std::vector<std::string> abandoned;  // names of the threads given up on, in start order
};

// How long main's join loop waits on one thread before it looks at the others, the stop
// request and the grace deadline again. Small, so main stays responsive.
inline constexpr std::chrono::milliseconds kJoinTick{20};

// Runs the pipeline on threads named "producer", "consumer-0" ... "consumer-<K-1>", which
// share one BoundedQueue of options.capacity, and writes "ready" once they have all started.
//
// - The producer pushes items 0, 1, 2, ..., waiting 1/options.rate s between two items (not at
//   all if rate is 0), until options.items have been pushed or a stop is requested. Then it
//   closes the queue. A stop request ends its wait at once, and closes the queue, which wakes
//   it if it is blocked in Push on a full queue.
// - Each consumer pops items and hands each to ProcessItem, until Pop says the queue is closed
//   and empty. It does not look at the stop request: it drains the queue, so no item is lost.
// - The calling thread runs the join loop: while some thread is alive, it joins each alive
//   thread with a timeout of at most kJoinTick, and whenever the set of threads still alive
//   changes it writes "still alive: consumer-0 consumer-1" (names in start order). Once a stop
//   has been requested, it allows options.grace from the moment it notices the request; then
//   it abandons every thread still alive and writes "abandoned: consumer-0".
//
// Returns the summary once every thread has been joined or abandoned. Does not write it.
// Blocks until the pipeline finishes: forever if options.items is nullopt and no stop comes.
Summary RunPipeline(const PipelineOptions& options, std::stop_token stop);

// Given: what consumer `index` does with `item`: writes "consumer-<index> took <item>", then
// works on it for options.work. With options.stuck_consumer, consumer-0 instead writes
// "consumer-0 is stuck on item <item>" and never returns: it ignores every stop request, like a
// thread blocked in a call that cannot be interrupted.
inline void ProcessItem(int index, std::int64_t item, const PipelineOptions& options) {
  const std::string name = "consumer-" + std::to_string(index);
  if (options.stuck_consumer && index == 0) {
    PrintLine(name + " is stuck on item " + std::to_string(item));
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
  }
  PrintLine(name + " took " + std::to_string(item));
  std::this_thread::sleep_for(options.work);
}

// Given: "produced=P consumed=C dropped=D", the program's last line.
inline std::string FormatSummary(const Summary& summary) {
  return "produced=" + std::to_string(summary.produced) +
         " consumed=" + std::to_string(summary.consumed) +
         " dropped=" + std::to_string(summary.dropped);
}

}  // namespace kata

#endif  // KATA_EXERCISES_05_WATCHER_PIPELINE_H_
