// Exercise 12: make the tests in thread_pool_test.cc and shutdown_test.cc pass.
// README.md explains the task; HINTS.md helps when you are stuck.
// Run: bazel test //exercises/12_thread_pool/...
#include "exercises/12_thread_pool/thread_pool.h"

#include <utility>

namespace kata {

ThreadPool::ThreadPool(int workers) {
  // TODO: throw std::invalid_argument if workers < 1; then start `workers` std::jthreads, each
  // running Work with its own stop_token: workers_.emplace_back([this](std::stop_token stop) {
  // Work(stop); }). If a start throws, the jthreads already in workers_ are stopped and joined
  // as the vector is destroyed: Work must return at a stop request.
  (void)workers;
}

ThreadPool::~ThreadPool() {
  // TODO: drain and join (Shutdown does both).
}

std::future<std::string> ThreadPool::Submit(Task task) {
  // TODO: under mu_, throw Rejected unless accepting_; queue the task with a new promise, keep
  // the promise's future to return, and wake one sleeping worker.
  (void)task;
  std::promise<std::string> never_set;  // dies unset: its future holds a broken_promise error
  return never_set.get_future();
}

void ThreadPool::Shutdown(ShutdownMode mode) {
  // TODO: a second call does nothing (shut_down_). Under mu_: stop accepting, take the queue out
  // if cancelling, and wake every worker. Then, outside the lock: set each cancelled task's
  // future to a Cancelled exception, request every worker's stop if cancelling, and join them.
  (void)mode;
  (void)shut_down_;
  (void)accepting_;
}

void ThreadPool::Work(std::stop_token stop) {
  // TODO: loop: under mu_, sleep on work_cv_ (the overload that takes `stop` and a predicate)
  // until there is a task or the pool stops accepting; return if the queue is empty; otherwise
  // take the oldest task. Run it without holding mu_, and put its result or its exception
  // (std::current_exception) into its promise.
  (void)stop;
}

}  // namespace kata
