// Exercise 03 tests for jobs that throw: every thread is still joined, and the exception of the
// lowest-index failing job reaches the caller.
//
// An exception that escapes a thread's function calls std::terminate, and so does destroying a
// std::thread that was never joined: if this test binary dies with "terminate called after
// throwing an instance of 'kata::(anonymous namespace)::JobFailure'", that is what happened.
#include <atomic>
#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "exercises/03_join_loop/job_log.h"
#include "exercises/03_join_loop/join_loop.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/leaked.h"

namespace kata {
namespace {

using ::kata::join_loop_test::Jobs;
using ::kata::join_loop_test::kStillBusy;
using ::kata::testing::JobLog;
using ::kata::testing::Leaked;
using ::kata::testing::ThisThreadId;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAre;

// What a failing job throws: its own index, so a test can tell whose exception arrived.
class JobFailure : public std::runtime_error {
 public:
  explicit JobFailure(int job)
      : std::runtime_error("job " + std::to_string(job) + " failed"), job_(job) {}
  int job() const { return job_; }

 private:
  int job_;
};

// Calls RunAll(jobs) and says how it ended, e.g. "JobFailure from job 1".
std::string RunAllOutcome(const std::vector<Job>& jobs) {
  try {
    (void)RunAll(jobs);
    return "RunAll returned normally";
  } catch (const JobFailure& failure) {
    return "JobFailure from job " + std::to_string(failure.job());
  } catch (const std::exception& e) {
    return std::string("an exception that is not the job's JobFailure: ") + e.what();
  } catch (...) {
    return "an exception that is not even a std::exception";
  }
}

// Tests that a job's exception reaches the caller of RunAll, as the very exception the job threw,
// and only after every other job has run to completion.
TEST(RunAllErrorsTest, ThrowingJobsExceptionReachesTheCaller) {
  JobLog& log = Leaked<JobLog>();
  const std::vector<Job>& jobs = Leaked<Jobs>(3, [&log](int i) -> std::int64_t {
    if (i == 1) throw JobFailure(1);
    log.Note(i, "finished");
    return i;
  });
  EXPECT_EQ("JobFailure from job 1", RunAllOutcome(jobs))
      << "catch the exception on the job's thread (std::current_exception) and rethrow it "
         "(std::rethrow_exception) after joining.";
  EXPECT_THAT(log.Texts(), UnorderedElementsAre("job 0 finished", "job 2 finished"))
      << "when RunAll throws, every other job must have finished: join every thread first.";
}

// Tests that when several jobs throw, the lowest index wins -- not the first to throw: job 3
// throws first, and its thread has ended before job 1 throws; job 4 finishes only after both.
TEST(RunAllErrorsTest, LowestIndexFailureWinsNotTheFirstThrown) {
  JobLog& log = Leaked<JobLog>();
  std::atomic<pid_t>& job_3_thread = Leaked<std::atomic<pid_t>>(0);
  const std::vector<Job>& jobs = Leaked<Jobs>(5, [&log, &job_3_thread](int i) -> std::int64_t {
    if (i == 1 && log.WaitFor(3, "throws")) log.WaitUntilEnded(job_3_thread);
    if (i == 3) job_3_thread = ThisThreadId();
    if (i == 4) log.WaitFor(1, "throws");
    if (i == 1 || i == 3) {
      log.Note(i, "throws");
      throw JobFailure(i);
    }
    log.Note(i, "finished");
    return i;
  });
  EXPECT_EQ("JobFailure from job 1", RunAllOutcome(jobs))
      << "jobs 1 and 3 both threw (job 3 first); the lowest index wins. What the jobs did:\n"
      << log.Dump();
  EXPECT_FALSE(log.gave_up()) << "a job waited in vain for another, which should have been "
                                 "running at the same time:\n"
                              << log.Dump();
  EXPECT_THAT(log.Texts(), UnorderedElementsAre("job 0 finished", "job 2 finished",
                                                "job 4 finished", "job 1 throws", "job 3 throws"))
      << "when RunAll throws, every other job must have finished: join every thread first.";
}

// Tests that the first job's exception counts as much as any other's, and that it does not cut
// the other jobs short: job 0 throws at once, while job 2 is still busy for kStillBusy after
// that. RunAll must rethrow job 0's exception, and only once jobs 1 and 2 have finished.
TEST(RunAllErrorsTest, FirstJobsExceptionWaitsForTheOtherJobs) {
  JobLog& log = Leaked<JobLog>();
  const std::vector<Job>& jobs = Leaked<Jobs>(3, [&log](int i) -> std::int64_t {
    if (i == 0) {
      log.Note(0, "throws");
      throw JobFailure(0);
    }
    if (i == 2) {
      log.WaitFor(0, "throws");
      std::this_thread::sleep_for(kStillBusy);
    }
    log.Note(i, "finished");
    return i;
  });
  EXPECT_EQ("JobFailure from job 0", RunAllOutcome(jobs))
      << "job 0 threw, and no other job did: look at every job's exception, job 0's too.";
  EXPECT_THAT(log.Texts(), UnorderedElementsAre("job 0 throws", "job 1 finished", "job 2 finished"))
      << "when RunAll throws, every other job must have finished: join every thread before "
         "rethrowing, not only the threads up to the failed one. What the jobs did:\n"
      << log.Dump();
}

// Tests the header's promise for no jobs: RunAll({}) starts no thread. Chaos mode makes the next
// thread start fail; RunAll({}) must return all the same, and the failure must still be waiting
// for the next thread after it. In a normal build this test skips.
TEST(RunAllErrorsTest, NoJobsStartNoThread) {
  if (!::kata::testing::chaos::FailThreadStart(1)) {
    GTEST_SKIP() << "needs chaos mode to make a thread fail to start: tools/grade run 3 --chaos";
  }
  const std::string outcome = RunAllOutcome({});
  bool next_thread_started = true;  // takes the armed failure if RunAll did not
  try {
    std::thread([] {}).join();
  } catch (const std::system_error&) {
    next_thread_started = false;
  }
  EXPECT_EQ("RunAll returned normally", outcome)
      << "RunAll({}) has nothing to run, so it must start no thread; it tried to start one.";
  EXPECT_FALSE(next_thread_started)
      << "RunAll({}) started a thread: the next thread start, set to fail, came from RunAll.";
}

// Tests the header's promise for a thread that cannot start: RunAll throws std::system_error, and
// only after joining the threads it had already started. Only chaos mode can make a thread fail
// to start (tests/support/chaos.h: here the third pthread_create from now), so in a normal build
// this test skips; `tools/grade run 3 --chaos` runs it.
TEST(RunAllErrorsTest, ThreadThatCannotStartThrowsAfterJoiningTheOthers) {
  JobLog& log = Leaked<JobLog>();
  const std::vector<Job>& jobs = Leaked<Jobs>(4, [&log](int i) -> std::int64_t {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // still running at the failure
    log.Note(i, "finished");
    return i;
  });
  if (!::kata::testing::chaos::FailThreadStart(3)) {
    GTEST_SKIP() << "needs chaos mode to make a thread fail to start: tools/grade run 3 --chaos";
  }
  std::string outcome = "RunAll returned normally";
  try {
    (void)RunAll(jobs);
  } catch (const std::system_error&) {
    outcome = "std::system_error";
  } catch (const std::exception& e) {
    outcome = std::string("an exception that is not std::system_error: ") + e.what();
  }
  const std::vector<std::string> finished = log.Texts();
  EXPECT_EQ("std::system_error", outcome)
      << "the third thread could not start (EAGAIN): let std::thread's std::system_error reach "
         "the caller.";
  EXPECT_THAT(finished, IsSupersetOf({"job 0 finished", "job 1 finished"}))
      << "RunAll threw before the threads it had started were finished: join them first.";
}

}  // namespace
}  // namespace kata
