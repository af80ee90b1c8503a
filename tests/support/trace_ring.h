// The event queue behind trace.h: a bounded lock-free queue (per-slot sequence numbers) that
// many threads push to and one thread, the trace sampler, pops from. It needs no set-up: it is
// plain zero-initialised data, ready before any static initialiser runs.
//
// Push() and Pop() are not instrumented by ThreadSanitizer, so the queue adds no
// happens-before edge between the threads that push: tracing cannot hide a data race.
#ifndef KATA_TESTS_SUPPORT_TRACE_RING_H_
#define KATA_TESTS_SUPPORT_TRACE_RING_H_

#include <cstdint>
#include <string_view>

namespace kata::testing::trace::internal {

// Return addresses kept per event: enough to reach the learner's code from a print or a join.
constexpr int kStackDepth = 12;

struct RingEvent {
  std::uint64_t at_ns;
  long tid;
  char kind[12];     // cut and NUL-terminated; tabs and newlines become spaces
  char detail[100];  // likewise
  // The caller's return addresses, innermost first; the first 0 ends them.
  std::uintptr_t stack[kStackDepth];
};

// Queues an event with the first `depth` (at most kStackDepth) addresses of `stack`; drops it
// and returns false when the queue is full. Never blocks.
bool Push(std::uint64_t at_ns, long tid, std::string_view kind, std::string_view detail,
          void* const* stack = nullptr, int depth = 0);
// Takes the oldest event into `event`; false when there is none. One popping thread only.
bool Pop(RingEvent& event);

}  // namespace kata::testing::trace::internal

#endif  // KATA_TESTS_SUPPORT_TRACE_RING_H_
