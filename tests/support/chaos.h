// Chaos mode: what a test can ask of the pthread interposition layer (interpose.cc).
//
// `bazel test --config=chaos` (or `tools/grade run N --chaos`) links that layer into every test
// binary and the programs the tests start. It then perturbs scheduling where std::thread,
// std::mutex and std::condition_variable meet pthreads:
//   - condition-variable waits sometimes return without a notify, after releasing and re-taking
//     the mutex, as POSIX allows (a spurious wakeup): a thread's first wait always does;
//   - short yields and sleeps of up to a few hundred microseconds around mutex lock and unlock,
//     and when a thread starts.
// Every decision comes from a per-thread random stream derived from one seed and the thread's
// creation order. The seed is printed as the binary starts ("kata chaos: seed=..."), and
// KATA_CHAOS_SEED=<seed> replays the same decisions.
//
// In a normal build nothing is interposed: Enabled() is false, and FailThreadStart() and
// AfterNextUnlock() refuse.
// Correct code passes with chaos on, always; that is what the references are held to.
#ifndef KATA_TESTS_SUPPORT_CHAOS_H_
#define KATA_TESTS_SUPPORT_CHAOS_H_

#include <cstdint>
#include <functional>

namespace kata::testing::chaos {

// True when this binary perturbs scheduling (built with --config=chaos).
bool Enabled();

// True when the pthread interposition layer is linked in (--config=chaos or --config=trace).
bool Interposed();

// The seed of this run's decisions; 0 when chaos is off.
std::uint64_t Seed();

// Makes the `nth` pthread_create from now on (1: the next one) fail with EAGAIN, so the
// std::thread constructor that made it throws std::system_error; the ones after it succeed
// again. Returns false, arming nothing, unless Interposed(); a test that needs it skips itself
// then.
[[nodiscard]] bool FailThreadStart(int nth);

// Holds a thread between two steps of the code under test. In chaos mode, the calling thread's
// next pthread_mutex_unlock -- a std::mutex unlock, a lock_guard or scoped_lock going out of
// scope -- runs `hook` on that thread right after the mutex is released, before the unlock
// returns; the hook then is disarmed, so unlocks inside it run normally. A hook that blocks
// holds the thread there, with every other mutex it holds still locked. Returns false, arming
// nothing, unless Enabled(); a test that needs it skips itself then.
[[nodiscard]] bool AfterNextUnlock(std::function<void()> hook);

}  // namespace kata::testing::chaos

#endif  // KATA_TESTS_SUPPORT_CHAOS_H_
