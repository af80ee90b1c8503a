// Thread tracing for `tools/grade timeline`: what each thread of a test binary did, and when.
//
// Off unless the environment variable KATA_TRACE is set when the binary starts. Then these are
// appended to the file it names (an absolute path, or a name inside $TEST_UNDECLARED_OUTPUTS_DIR
// or else the working directory), one tab-separated event per line:
//   - "spawn", "start", "exit", "join", "joined", "detach": every thread, std::thread and
//     std::jthread alike, from the pthread layer (interpose.cc, linked in by --config=trace,
//     which `tools/grade timeline` builds with);
//   - "print": a line recorded by a LineRecorder; "signal": a signal ChildProcess sent;
//   - "test", "test_end": each GoogleTest test's start and end (test_main.cc);
//   - "run", "wait": whether each thread was on a CPU, sampled from /proc every 2 ms.
// Each line holds the time in microseconds, the thread id, the kind and the detail; an event
// recorded with Event() ends with a fifth field, "stack=" and the addresses in the test binary
// (hex, innermost first, for addr2line) of the calls that led to it, so that the timeline can
// tell what the learner's code did from what the test did.
// When off, every hook costs one relaxed atomic load. The recorder never synchronises the
// threads it watches -- ThreadSanitizer sees no happens-before edge from it -- so tracing cannot
// hide a data race.
#ifndef KATA_TESTS_SUPPORT_TRACE_H_
#define KATA_TESTS_SUPPORT_TRACE_H_

#include <atomic>
#include <string_view>

namespace kata::testing::trace {

namespace internal {
extern std::atomic<bool> enabled;
extern std::atomic<long> samples;  // rounds of the /proc sampler so far (for trace_test)
void Write(std::string_view kind, std::string_view detail);
}  // namespace internal

// True when KATA_TRACE asked for a trace.
inline bool Enabled() { return internal::enabled.load(std::memory_order_relaxed); }

// Records `kind` with `detail` (cut to 100 bytes) for the calling thread, if tracing is on.
inline void Event(std::string_view kind, std::string_view detail = {}) {
  if (Enabled()) internal::Write(kind, detail);
}

// The calling thread's kernel thread id, as /proc and TSan reports ("tid=21") show it.
long ThreadId();

}  // namespace kata::testing::trace

#endif  // KATA_TESTS_SUPPORT_TRACE_H_
