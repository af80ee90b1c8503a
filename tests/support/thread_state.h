// What a thread of this process is doing right now, as the kernel sees it: lets a test act only
// once a thread is really asleep in a wait, without a sleep.
//
// A test that checks a wakeup must first be sure the waiter is asleep: otherwise a waiter that
// arrives late finds the state already changed and never needs the wakeup, and a lost wakeup
// goes unnoticed. /proc/self/task/<tid>/syscall names the system call a thread is blocked in. A
// blocked join, mutex lock or condition-variable wait is a futex wait; a timed condition-variable
// wait is one with a timeout, where a mutex wait has none and a chaos-mode pause is a nanosleep.
//
//   const pid_t main_tid = ThisThreadId();
//   ... on another thread:
//   WaitUntilBlockedInFutex(main_tid, 2s);    // main is now waiting inside Join
//
//   tids[i] = ThisThreadId();                 // on each waiter, before it calls JoinFor
//   AllInTimedWait(tids, kSchedulingSlack);   // on the test's thread, before the release
#ifndef KATA_TESTS_SUPPORT_THREAD_STATE_H_
#define KATA_TESTS_SUPPORT_THREAD_STATE_H_

#include <sys/types.h>

#include <chrono>
#include <set>
#include <vector>

namespace kata::testing {

// The kernel's id of the calling thread (gettid). Never blocks.
pid_t ThisThreadId();

// The kernel ids of every thread of this process right now (/proc/self/task). Never blocks.
// A thread that has just been joined may still be listed for a moment.
std::set<pid_t> ThreadsOfThisProcess();

// Whether thread `tid` of this process is asleep in a futex wait that has a timeout: a timed
// condition-variable wait (wait_for, wait_until). Never blocks.
bool InTimedWait(pid_t tid);

// Blocks until thread `tid` of this process sits in any futex wait -- where a blocked join, mutex
// lock or condition-variable wait ends up -- or `timeout` has passed. Returns whether it saw it.
bool WaitUntilBlockedInFutex(pid_t tid, std::chrono::steady_clock::duration timeout);

// Blocks until thread `tid` of this process has ended -- everything it did, up to its last
// instruction, is done -- or `timeout` has passed. Returns whether it saw it end.
bool WaitUntilThreadEnded(pid_t tid, std::chrono::steady_clock::duration timeout);

// Blocks until every thread of `tids` is InTimedWait at the same moment, checking every
// millisecond; returns false if that has not happened after `deadline`.
bool AllInTimedWait(const std::vector<pid_t>& tids, std::chrono::milliseconds deadline);

// Blocks until every thread of `tids` sleeps in a futex wait on one and the same address at the
// same moment, checking every millisecond; returns false if that has not happened after
// `deadline`. Threads that wait for the same thing -- one condition variable, semaphore or atomic
// -- sleep on one address. A thread caught on the mutex on its way in, or in a chaos-mode pause,
// does not: it may still see a state change without needing the wakeup under test.
bool AllAsleepOnOneFutex(const std::vector<pid_t>& tids, std::chrono::milliseconds deadline);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_THREAD_STATE_H_
