// Exercise 10 tests of Limiter. Read them: they are the specification.
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <latch>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "exercises/10_coordination/coordination.h"
#include "gtest/gtest.h"
#include "tests/support/deadline.h"
#include "tests/support/leaked.h"
#include "tests/support/thread_state.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::Clock;
using ::kata::testing::FormatMs;
using ::kata::testing::kSchedulingSlack;
using ::kata::testing::Leaked;
using ::kata::testing::OnHelperThread;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::ThisThreadId;
using ::kata::testing::ThreadCost;
using ::kata::testing::ThreadMeter;
using ::kata::testing::WaitUntilBlockedInFutex;

// How long something that should happen at once may take on a loaded machine.
constexpr auto kPrompt = 2 * kSchedulingSlack;

// Polls `condition` every millisecond until it holds or `deadline` has passed; returns it.
bool Eventually(const std::function<bool()>& condition, Clock::duration deadline) {
  const Clock::time_point end = Clock::now() + deadline;
  while (!condition()) {
    if (Clock::now() >= end) return condition();
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// Callers of one Limiter, each on its own thread. A caller's function marks it inside, counts it
// among those inside, and stays there until the test lets it leave; it waits for that by polling
// with short sleeps, so a caller that is inside never sleeps in a futex wait, and a caller that
// is asleep in a futex wait is one still waiting to get in.
class Room {
 public:
  struct Caller {
    std::atomic<pid_t> tid{0};
    std::atomic<bool> inside{false};  // its function has started
    std::atomic<bool> leave{false};   // the test lets its function return
    bool throws = false;              // its function throws std::runtime_error as it leaves
    std::future<std::string> done;    // "returned", or "threw: <what>", once Run is over
  };

  // Starts a caller on its own thread: it calls limiter.Run with the function above.
  Caller& Call(Limiter& limiter, bool throws = false) {
    Caller& caller = Leaked<Caller>();  // a caller that never gets in lives on after the test
    caller.throws = throws;
    caller.done = OnHelperThread([this, &limiter, &caller]() -> std::string {
      caller.tid = ThisThreadId();
      try {
        limiter.Run([this, &caller] { Inside(caller); });
      } catch (const std::exception& e) {
        return std::string("threw: ") + e.what();
      }
      return "returned";
    });
    return caller;
  }

  // Blocks until `caller` is inside, or is asleep in a futex wait -- waiting to get in -- and
  // still is 20 ms later; or kPrompt has passed. Then says whether it got in.
  static bool GotIn(const Caller& caller) {
    Eventually(
        [&caller] {
          if (caller.inside) return true;
          const pid_t tid = caller.tid;
          if (tid == 0 || !WaitUntilBlockedInFutex(tid, 0ms)) return false;
          std::this_thread::sleep_for(20ms);
          return caller.inside || WaitUntilBlockedInFutex(tid, 0ms);
        },
        kPrompt);
    return caller.inside;
  }

  int inside_now() const { return now_; }
  int most_inside() const { return most_; }

 private:
  void Inside(Caller& caller) {
    const int now = ++now_;
    int most = most_;
    while (now > most && !most_.compare_exchange_weak(most, now)) {
    }
    caller.inside = true;
    while (!caller.leave) std::this_thread::sleep_for(1ms);
    --now_;
    if (caller.throws) throw std::runtime_error("fn failed");
  }

  std::atomic<int> now_{0};   // callers inside at this moment
  std::atomic<int> most_{0};  // the most that were ever inside at once
};

// Tests Limiter(3): 3 callers all get in and are inside at the same time (a rendezvous: none
// leaves before all 3 are in), a 4th and a 5th wait outside, and when one caller leaves exactly
// one of the two waiting callers gets in: leaving frees one place, not two.
TEST(LimiterTest, LetsInUpToTheLimitAndNoMore) {
  Limiter& limiter = Leaked<Limiter>(3);
  Room& room = Leaked<Room>();
  Room::Caller* first[3];
  for (Room::Caller*& caller : first) caller = &room.Call(limiter);
  ASSERT_TRUE(Eventually([&room] { return room.inside_now() == 3; }, kPrompt))
      << "only " << room.inside_now() << " of 3 callers got in at once under Limiter(3)";
  Room::Caller& fourth = room.Call(limiter);
  Room::Caller& fifth = room.Call(limiter);
  EXPECT_FALSE(Room::GotIn(fourth) || Room::GotIn(fifth)) << "a 4th caller got in under Limiter(3)";
  first[0]->leave = true;
  ASSERT_EQ(std::future_status::ready, first[0]->done.wait_for(kPrompt))
      << "a released caller's Run() did not return";
  EXPECT_EQ("returned", first[0]->done.get());
  ASSERT_TRUE(Eventually([&] { return fourth.inside || fifth.inside; }, kPrompt))
      << "the 4th caller did not get in within " << FormatMs(kPrompt) << " after a place was freed";
  Room::Caller& still_out = fourth.inside ? fifth : fourth;
  EXPECT_FALSE(Room::GotIn(still_out))
      << "a 5th caller got in under Limiter(3) after one caller left: leaving must free one "
         "place, not two";
  EXPECT_EQ(3, room.most_inside()) << "the most callers inside at once under Limiter(3)";
  for (Room::Caller* caller : {first[1], first[2], &fourth, &fifth}) caller->leave = true;
  for (Room::Caller* caller : {first[1], first[2], &fourth, &fifth}) {
    EXPECT_EQ(std::future_status::ready, caller->done.wait_for(kPrompt))
        << "a released caller's Run() did not return";
  }
}

// Tests Limiter(1) on every way out of fn: a caller whose function throws gets the exception
// back from Run, and its place is freed -- the next caller gets in -- exactly once; a caller
// that returns frees its place exactly once too: while one caller is inside after them, another
// cannot get in.
TEST(LimiterTest, AFunctionThatThrowsFreesItsPlaceOnce) {
  Limiter& limiter = Leaked<Limiter>(1);
  Room& room = Leaked<Room>();
  Room::Caller& thrower = room.Call(limiter, /*throws=*/true);
  thrower.leave = true;
  ASSERT_EQ(std::future_status::ready, thrower.done.wait_for(kPrompt))
      << "Run(fn) must let what fn throws through (nullopt: Run blocked)";
  EXPECT_EQ("threw: fn failed", thrower.done.get()) << "Run(fn) must rethrow what fn threw";
  Room::Caller& returner = room.Call(limiter);
  ASSERT_TRUE(Eventually([&returner] { return returner.inside.load(); }, kPrompt))
      << "after fn threw, the place stayed taken: release it on every way out of fn";
  returner.leave = true;
  ASSERT_EQ(std::future_status::ready, returner.done.wait_for(kPrompt))
      << "a released caller's Run() did not return";
  Room::Caller& holder = room.Call(limiter);
  ASSERT_TRUE(Eventually([&holder] { return holder.inside.load(); }, kPrompt))
      << "the first caller did not get in";
  Room::Caller& second = room.Call(limiter);
  EXPECT_FALSE(Room::GotIn(second)) << "two callers got in under Limiter(1): a place was freed "
                                       "twice";
  holder.leave = true;
  second.leave = true;
  EXPECT_TRUE(Eventually([&second] { return second.inside.load(); }, kPrompt))
      << "the waiting caller did not get in after the holder left";
}

// Tests that a caller waiting for a place sleeps: under Limiter(1), with another caller inside
// for 200 ms, Run runs on a CPU for less time than it sleeps and wakes at most once per 10 ms,
// where a loop of try_acquire and short sleeps wakes every time; it gets in only once the other
// caller has left, and promptly then.
TEST(LimiterTest, AWaitingCallerSleeps) {
  constexpr auto kInside = 200ms;
  struct Waited {
    ThreadCost spent;
    bool holder_had_left;
  };
  Limiter& limiter = Leaked<Limiter>(1);
  Room& room = Leaked<Room>();
  Room::Caller& holder = room.Call(limiter);
  ASSERT_TRUE(Eventually([&holder] { return holder.inside.load(); }, kPrompt))
      << "the first caller did not get in";
  std::latch& asking = Leaked<std::latch>(1);
  std::future<Waited> waited = OnHelperThread([&limiter, &holder, &asking] {
    asking.count_down();
    const ThreadMeter meter;
    Waited result{};
    limiter.Run([&] { result = {meter.Elapsed(), holder.leave.load()}; });
    return result;
  });
  asking.wait();
  std::this_thread::sleep_for(kInside);  // the holder stays inside while the caller waits
  holder.leave = true;
  ASSERT_EQ(std::future_status::ready, waited.wait_for(kPrompt))
      << "the waiting caller did not get in within " << FormatMs(kPrompt)
      << " after the holder left";
  const Waited result = waited.get();
  EXPECT_TRUE(result.holder_had_left) << "Run() while another caller was inside under "
                                         "Limiter(1) got in at once";
  EXPECT_TRUE(SleptThroughWait(result.spent, "Run() waiting for a place"));
}

}  // namespace
}  // namespace kata
