// Test helpers for exercise 03: a shared log of what the jobs did, and handshakes between jobs
// that give up after a deadline, so that a wrong RunAll fails a test instead of hanging it.
#ifndef KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_
#define KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_

#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exercises/03_join_loop/join_loop.h"
#include "tests/support/line_recorder.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata::join_loop_test {

// How long a job waits for another job before it gives up: far longer than starting a few
// threads takes on a loaded machine.
inline constexpr std::chrono::milliseconds kHandshakeDeadline{2000};

// How long a job stays busy after the event that a wrong RunAll returns on (the last job's
// finish, the first job's throw): ample time for such a RunAll to return too early.
inline constexpr std::chrono::milliseconds kStillBusy{400};

// Set when a wait has given up after kHandshakeDeadline: from then on every wait of the test
// binary gives up at once, so a RunAll that runs the jobs one at a time pays the deadline once,
// not once per test.
inline std::atomic<bool> a_wait_timed_out{false};

// `count` jobs; job i returns body(i). Tests leak them, Leaked<Jobs>(count, body), as they leak
// whatever the jobs touch (tests/support/leaked.h): a wrong RunAll may leave a thread running,
// and reading them, after its test has ended.
struct Jobs : std::vector<Job> {
  Jobs(int count, const std::function<std::int64_t(int)>& body) {
    for (int i = 0; i < count; ++i) push_back([body, i] { return body(i); });
  }
};

// What the jobs of one test did, as timestamped lines such as "job 3 finished", and handshakes
// between the jobs. Every method may be called from any thread at any time.
class JobLog {
 public:
  // Records the line "job {job} {event}". Blocks only briefly.
  void Note(int job, std::string_view event) { lines_.Record(Line(job, event)); }

  // Blocks until "job {job} {event}" has been noted; returns false if it gave up: after
  // kHandshakeDeadline, or at once if another wait of this log -- or any wait that timed out
  // earlier in this test binary -- has given up.
  bool WaitFor(int job, std::string_view event) {
    const std::string line = Line(job, event);
    return Wait([&line](const std::vector<testing::TimedLine>& lines) {
      return std::any_of(lines.begin(), lines.end(),
                         [&line](const testing::TimedLine& l) { return l.text == line; });
    });
  }

  // A std::latch of size `expected` whose wait gives up: notes "job {job} arrived", then blocks
  // until `expected` jobs have arrived. Returns false if it gave up, as WaitFor does.
  bool ArriveAndWait(int job, int expected) {
    Note(job, "arrived");
    return Wait([expected](const std::vector<testing::TimedLine>& lines) {
      return std::count_if(lines.begin(), lines.end(), [](const testing::TimedLine& l) {
               return l.text.ends_with(" arrived");
             }) >= expected;
    });
  }

  // Blocks until thread `tid` has ended, so that all it did -- storing the exception its job
  // threw, say -- is over. Returns false if it gave up, as WaitFor does.
  bool WaitUntilEnded(pid_t tid) {
    if (a_wait_timed_out) return GiveUpAtOnce();
    if (testing::WaitUntilThreadEnded(tid, kHandshakeDeadline)) return true;
    a_wait_timed_out = true;
    return GiveUp("(a job gave up after waiting " + testing::FormatMs(kHandshakeDeadline) +
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
  bool Wait(const std::function<bool(const std::vector<testing::TimedLine>&)>& done) {
    if (a_wait_timed_out) return GiveUpAtOnce();
    const bool woken = lines_.WaitUntil(
        [this, &done](const std::vector<testing::TimedLine>& lines) {
          return gave_up_ || done(lines);
        },
        kHandshakeDeadline);
    if (woken && !gave_up_) return true;
    if (!woken) a_wait_timed_out = true;
    return GiveUp("(a job gave up after waiting " + testing::FormatMs(kHandshakeDeadline) + ")");
  }
  bool GiveUpAtOnce() {
    return GiveUp("(a job gave up at once: a wait of an earlier test timed out already)");
  }
  bool GiveUp(std::string why) {
    if (!gave_up_.exchange(true)) lines_.Record(std::move(why));
    return false;
  }

  testing::LineRecorder lines_;
  std::atomic<bool> gave_up_{false};
};

}  // namespace kata::join_loop_test

#endif  // KATA_EXERCISES_03_JOIN_LOOP_JOB_LOG_H_
