// Exercise 04: make the tests in joinable_thread_test.cc and daemon_timeout_app_test.cc pass.
// README.md explains the task; HINTS.md helps when you are stuck.
// Run: bazel test //exercises/04_join_timeout/...
#include "exercises/04_join_timeout/joinable_thread.h"

#include <utility>

namespace kata {

// Given: starts the thread. thread_ is the last field, so the others exist before Run starts.
JoinableThread::JoinableThread(std::function<void()> fn)
    : thread_(&JoinableThread::Run, this, std::move(fn)) {}

// Given: a std::thread that is destroyed while still joinable calls std::terminate, so the
// wrapper joins it here. Join() may have joined it already.
JoinableThread::~JoinableThread() {
  if (thread_.joinable()) thread_.join();
}

void JoinableThread::Run(std::function<void()> fn) {
  try {
    fn();
  } catch (...) {
    // TODO: keep the exception (std::current_exception()) in error_ for Join() to rethrow.
  }
  // TODO: mark the thread finished and wake every thread waiting in JoinFor. finished_ and
  // error_ are guarded by mu_.
}

bool JoinableThread::JoinFor(std::chrono::nanoseconds timeout) {
  // TODO: wait on finished_cv_ until finished_ is true or `timeout` has passed, then return
  // finished_. No sleeping in a loop: the thread must wake the waiter. A timeout <= 0 only
  // checks.
  (void)timeout;
  return false;
}

bool JoinableThread::IsAlive() const {
  // TODO: the thread is alive until it has set finished_, which is guarded by mu_.
  (void)finished_;
  return true;
}

void JoinableThread::Join() {
  if (thread_.joinable()) thread_.join();
  // TODO: rethrow the exception that Run kept in error_, if there is one.
}

}  // namespace kata
