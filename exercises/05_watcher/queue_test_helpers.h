// Exercise 05's blocking calls, for the BoundedQueue tests: Pop and Push, each on a thread of its
// own (tests/support/blocking_call.h). Tests leak their queues (tests/support/leaked.h): a wrong
// one may keep a thread blocked in it after its test has ended.
#ifndef KATA_EXERCISES_05_WATCHER_QUEUE_TEST_HELPERS_H_
#define KATA_EXERCISES_05_WATCHER_QUEUE_TEST_HELPERS_H_

#include <cstdint>
#include <optional>

#include "exercises/05_watcher/bounded_queue.h"
#include "tests/support/blocking_call.h"

namespace kata::testing {

// queue.Pop(), on a thread of its own.
inline OnItsOwnThread<std::optional<std::int64_t>> StartPop(BoundedQueue& queue) {
  return OnItsOwnThread<std::optional<std::int64_t>>([&queue] { return queue.Pop(); });
}

// queue.Push(item), on a thread of its own.
inline OnItsOwnThread<bool> StartPush(BoundedQueue& queue, std::int64_t item) {
  return OnItsOwnThread<bool>([&queue, item] { return queue.Push(item); });
}

}  // namespace kata::testing

#endif  // KATA_EXERCISES_05_WATCHER_QUEUE_TEST_HELPERS_H_
