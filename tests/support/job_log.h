// A log of what the jobs of one test did -- timestamped lines such as "job 3 finished" -- and
// handshakes between the jobs that give up after a deadline, so that a test of code running jobs
// on threads (exercise 03's RunAll) fails instead of hanging when that code is wrong. Tests leak
// their JobLog (tests/support/leaked.h): a wrong solution may leave a job running after its test
// has ended.
//
//   JobLog& log = Leaked<JobLog>();
//   ... in job 1:  log.Note(1, "started");
//   ... in job 2:  if (!log.WaitFor(1, "started")) return;  // gave up: log.gave_up() says so
#ifndef KATA_TESTS_SUPPORT_JOB_LOG_H_
#define KATA_TESTS_SUPPORT_JOB_LOG_H_

#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/support/line_recorder.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata::testing {

// How long a job waits for another job before it gives up: far longer than starting a few
// threads takes on a loaded machine.
inline constexpr std::chrono::milliseconds kJobWaitDeadline{2000};

// Set when a wait has given up after kJobWaitDeadline: from then on every wait of the test
// binary gives up at once, so a RunAll that runs the jobs one at a time pays the deadline once,
// not once per test.
inline std::atomic<bool> a_job_wait_timed_out{false};

// What the jobs of one test did, as timestamped lines such as "job 3 finished", and handshakes
// between the jobs. Every method may be called from any thread at any time.
class JobLog {
 public:
  // Records the line "job {job} {event}". Blocks only briefly.
  void Note(int job, std::string_view event) { lines_.Record(Line(job, event)); }

  // Blocks until "job {job} {event}" has been noted; returns false if it gave up: after
  // kJobWaitDeadline, or at once if another wait of this log -- or any wait that timed out
  // earlier in this test binary -- has given up.
  bool WaitFor(int job, std::string_view event) {
    const std::string line = Line(job, event);
    return Wait([&line](const std::vector<TimedLine>& lines) {
      return std::any_of(lines.begin(), lines.end(),
                         [&line](const TimedLine& l) { return l.text == line; });
    });
  }

  // A std::latch of size `expected` whose wait gives up: notes "job {job} arrived", then blocks
  // until `expected` jobs have arrived. Returns false if it gave up, as WaitFor does.
  bool ArriveAndWait(int job, int expected) {
    Note(job, "arrived");
    return Wait([expected](const std::vector<TimedLine>& lines) {
      return std::count_if(lines.begin(), lines.end(), [](const TimedLine& l) {
               return l.text.ends_with(" arrived");
             }) >= expected;
    });
  }

  // Blocks until thread `tid` has ended, so that all it did -- storing the exception its job
  // threw, say -- is over. Returns false if it gave up, as WaitFor does.
  bool WaitUntilEnded(pid_t tid) {
    if (a_job_wait_timed_out) return GiveUpAtOnce();
    if (WaitUntilThreadEnded(tid, kJobWaitDeadline)) return true;
    a_job_wait_timed_out = true;
    return GiveUp("(a job gave up after waiting " + FormatMs(kJobWaitDeadline) +
                  " for another job's thread to end)");
  }

  // Whether any wait gave up: then the jobs were not all running at once.
  bool gave_up() const { return gave_up_; }
  // The lines so far, in order.
  std::vector<std::string> Texts() const { return lines_.Texts(); }
  // Every line with its time since the log was created, for failure messages.
  std::string Dump() const { return lines_.Dump(); }

 private:
  static std::string Line(int job, std::string_view event) {
    return "job " + std::to_string(job) + " " + std::string(event);
  }
  // Waits for `done`, or until another wait of this log gives up.
  bool Wait(const std::function<bool(const std::vector<TimedLine>&)>& done) {
    if (a_job_wait_timed_out) return GiveUpAtOnce();
    const bool woken = lines_.WaitUntil(
        [this, &done](const std::vector<TimedLine>& lines) { return gave_up_ || done(lines); },
        kJobWaitDeadline);
    if (woken && !gave_up_) return true;
    if (!woken) a_job_wait_timed_out = true;
    return GiveUp("(a job gave up after waiting " + FormatMs(kJobWaitDeadline) + ")");
  }
  bool GiveUpAtOnce() {
    return GiveUp("(a job gave up at once: a wait of an earlier test timed out already)");
  }
  bool GiveUp(std::string why) {
    if (!gave_up_.exchange(true)) lines_.Record(std::move(why));
    return false;
  }

  LineRecorder lines_;
  std::atomic<bool> gave_up_{false};
};

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_JOB_LOG_H_
