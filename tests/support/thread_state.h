// What another thread of this process is doing, as the kernel sees it: lets a test act only once
// a thread is really blocked (in a join, a mutex or a condition variable), without a sleep.
//
//   const pid_t main_tid = CurrentTid();
//   ... on another thread:
//   WaitUntilBlockedInFutex(main_tid, 2s);  // main is now waiting inside Join
#ifndef KATA_TESTS_SUPPORT_THREAD_STATE_H_
#define KATA_TESTS_SUPPORT_THREAD_STATE_H_

#include <sys/types.h>

#include <chrono>

namespace kata::testing {

// The kernel's id of the calling thread.
pid_t CurrentTid();

// Blocks until thread `tid` of this process sits in a futex wait -- where a blocked join, mutex
// lock or condition-variable wait ends up -- or `timeout` has passed. Returns whether it saw it.
bool WaitUntilBlockedInFutex(pid_t tid, std::chrono::steady_clock::duration timeout);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_THREAD_STATE_H_
