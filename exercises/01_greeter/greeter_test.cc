// Exercise 01 tests. Read them: they are the specification, with the reasons in the comments.
#include "exercises/01_greeter/greeter.h"

#include <algorithm>
#include <latch>
#include <stdexcept>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/leaked.h"
#include "tests/support/line_recorder.h"
#include "tests/support/timing.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::kata::testing::AtLeast;
using ::kata::testing::Leaked;
using ::kata::testing::LineRecorder;
using ::kata::testing::SleptThroughWait;
using ::kata::testing::Stopwatch;
using ::kata::testing::ThreadMeter;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// How long a held greeting waits for the test before giving up, so that a wrong solution fails
// instead of hanging.
constexpr auto kHoldDeadline = 2s;

// A LineSink that records every line with its arrival time.
class RecordingSink : public LineSink {
 public:
  void WriteLine(std::string_view line) override { lines.Record(std::string(line)); }
  LineRecorder lines;
};

// A RecordingSink that holds back every greeting until Release() -- or until "Done" arrives, if
// constructed with kUntilDone. gave_up() tells whether a greeting waited kHoldDeadline in vain.
class HoldingSink : public RecordingSink {
 public:
  enum Until { kUntilReleased, kUntilDone };
  explicit HoldingSink(Until until) : until_(until) {}
  void WriteLine(std::string_view line) override {
    if (line != "Done" && !gave_up_) {
      const bool released = until_ == kUntilDone ? lines.WaitForLine("Done", kHoldDeadline)
                                                 : release_.WaitForCount(1, kHoldDeadline);
      if (!released) gave_up_ = true;
    }
    RecordingSink::WriteLine(line);
  }
  void Release() { release_.Record("go"); }
  bool gave_up() const { return gave_up_; }

 private:
  const Until until_;
  LineRecorder release_;
  std::atomic<bool> gave_up_{false};
};

// How many greetings `sink` holds: all of them, when StartGreeter waited for its greeter.
std::size_t Greetings(const RecordingSink& sink) {
  return std::ranges::count_if(sink.lines.Texts(),
                               [](const std::string& text) { return text.starts_with("Hello"); });
}

// Why the thread StartGreeter returned is not joinable, told from the `greetings` of `times`
// written by then: a thread that already wrote them all was joined before StartGreeter returned.
std::string NotRunning(std::size_t greetings, int times) {
  if (times > 0 && greetings == static_cast<std::size_t>(times)) {
    return "StartGreeter returned a thread that had already finished: all " +
           std::to_string(times) +
           " greetings were written before it returned, so it waited for them (joined the "
           "greeter, or greeted by itself). Return the thread while it still runs: the caller "
           "joins it.";
  }
  return "StartGreeter must return the running thread: the std::thread it returned is not "
         "joinable (an empty std::thread, a joined one, or a detached one)";
}

// Tests that Greet writes each greeting once, numbered from 0, in order.
TEST(GreetTest, WritesEveryGreetingInOrder) {
  RecordingSink sink;
  Greet("Michael", 3, 0ms, sink);
  EXPECT_THAT(sink.lines.Texts(), ElementsAre("Hello, there 0 Michael", "Hello, there 1 Michael",
                                              "Hello, there 2 Michael"));
}

// Tests that Greet pauses after every greeting: each gap, and the whole call, are long enough.
TEST(GreetTest, PausesAfterEveryGreeting) {
  RecordingSink sink;
  Stopwatch watch;
  Greet("Michael", 3, 30ms, sink);
  EXPECT_TRUE(AtLeast(watch.Elapsed(), 3 * 30ms, "Greet(times=3, pause=30ms)"));
  const std::vector<testing::TimedLine> lines = sink.lines.Lines();
  ASSERT_EQ(3u, lines.size()) << sink.lines.Dump();
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_TRUE(AtLeast(lines[i].at - lines[i - 1].at, 30ms,
                        "the gap before greeting " + std::to_string(i)))
        << sink.lines.Dump();
  }
}

// Tests that Greet pauses after the last greeting too, as the Python greeter does: it returns no
// sooner than one pause after writing it. (A pause before each line instead of after it fails.)
TEST(GreetTest, PausesAfterTheLastGreetingToo) {
  RecordingSink sink;
  Greet("Michael", 2, 30ms, sink);
  const auto returned = testing::Clock::now();
  const auto last = sink.lines.TimeOf("Hello, there 1 Michael");
  ASSERT_TRUE(last) << "expected greeting 1; got:\n" << sink.lines.Dump();
  EXPECT_TRUE(AtLeast(returned - *last, 30ms, "the time from the last greeting to Greet's return"))
      << sink.lines.Dump();
}

// Tests that Greet sleeps through each pause: a thread that polls the clock with short sleeps,
// or spins, wakes up far more often than twice per greeting.
TEST(GreetTest, SleepsThroughEachPause) {
  struct : LineSink {  // takes no lock, so that only Greet's own waiting is measured
    void WriteLine(std::string_view) override {}
  } sink;
  const ThreadMeter meter;
  Greet("Michael", 3, 40ms, sink);
  EXPECT_TRUE(SleptThroughWait(meter.Elapsed(), "Greet(times=3, pause=40ms)"));
}

// Tests that bad arguments are refused before anything is written.
TEST(GreetTest, RejectsNegativeArgumentsBeforeWriting) {
  RecordingSink sink;
  EXPECT_THROW(Greet("Michael", -1, 0ms, sink), std::invalid_argument);
  EXPECT_THROW(Greet("Michael", 1, -1ms, sink), std::invalid_argument);
  EXPECT_THAT(sink.lines.Texts(), IsEmpty());
}

// Tests that StartGreeter returns before the first pause ends: here the first greeting cannot
// even be written until StartGreeter has returned, so a StartGreeter that waits for the greeter
// (or greets by itself) is stuck until the sink gives up.
TEST(StartGreeterTest, ReturnsBeforeTheFirstPauseEnds) {
  HoldingSink& sink = Leaked<HoldingSink>(HoldingSink::kUntilReleased);
  std::thread greeter = StartGreeter("Michael", 2, 10ms, sink);
  sink.Release();
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 2);
  greeter.join();
  EXPECT_FALSE(sink.gave_up())
      << "a greeting was written before StartGreeter returned, so StartGreeter waited for it.\n"
      << "Start the thread, write Done, and return; leave the greeting to the new thread.";
}

// Tests that "Done" does not wait for any greeting: the sink holds every greeting until Done
// has arrived, which only works if Done comes from the calling thread, straight away.
TEST(StartGreeterTest, WritesDoneWithoutWaitingForGreetings) {
  HoldingSink& sink = Leaked<HoldingSink>(HoldingSink::kUntilDone);
  std::thread greeter = StartGreeter("Michael", 2, 10ms, sink);
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 2);
  greeter.join();
  EXPECT_FALSE(sink.gave_up()) << "the greetings waited " << testing::FormatMs(kHoldDeadline)
                               << " for Done, which never came. Lines:\n"
                               << sink.lines.Dump();
  EXPECT_THAT(sink.lines.Texts(),
              ElementsAre("Done", "Hello, there 0 Michael", "Hello, there 1 Michael"));
}

// Tests the seed's picture with no help from the sink: Done lands before greeting 1. (Greeting
// 0 races with Done -- either may come first, as in CPython -- so it is not checked.)
TEST(StartGreeterTest, DonePrintedBeforeSecondGreeting) {
  RecordingSink& sink = Leaked<RecordingSink>();
  std::thread greeter = StartGreeter("Michael", 2, 100ms, sink);
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 2);
  greeter.join();
  const auto done = sink.lines.TimeOf("Done");
  const auto second = sink.lines.TimeOf("Hello, there 1 Michael");
  ASSERT_TRUE(done && second) << "expected Done and greeting 1; got:\n" << sink.lines.Dump();
  EXPECT_LT(*done, *second) << "Done came after greeting 1:\n" << sink.lines.Dump();
}

// Tests that the greeter keeps its own copy of the name: the caller's string is gone as soon as
// StartGreeter returns, long before greeting 1 is written. (ThreadSanitizer reports a thread
// that reads the destroyed string through a reference.)
TEST(StartGreeterTest, GreeterKeepsItsOwnCopyOfTheName) {
  const std::string name = "Michael, whose name is too long to fit inside a std::string";
  RecordingSink& sink = Leaked<RecordingSink>();
  std::thread greeter = StartGreeter(std::string(name), 2, 20ms, sink);
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 2);
  greeter.join();
  std::vector<std::string> texts = sink.lines.Texts();
  std::erase(texts, "Done");
  EXPECT_THAT(texts, ElementsAre("Hello, there 0 " + name, "Hello, there 1 " + name))
      << "move the name into the thread's lambda: a reference to StartGreeter's parameter "
         "dangles once StartGreeter returns";
}

// Tests that joining the returned thread waits for every greeting, and nothing else is written.
TEST(StartGreeterTest, JoinWaitsForEveryGreeting) {
  RecordingSink& sink = Leaked<RecordingSink>();
  std::thread greeter = StartGreeter("Ada", 3, 10ms, sink);
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 3);
  greeter.join();
  std::vector<std::string> texts = sink.lines.Texts();
  ASSERT_EQ(4u, texts.size()) << "expected Done and 3 greetings right after join; got:\n"
                              << sink.lines.Dump();
  std::erase(texts, "Done");
  EXPECT_THAT(texts, ElementsAre("Hello, there 0 Ada", "Hello, there 1 Ada", "Hello, there 2 Ada"))
      << sink.lines.Dump();
}

// Tests that a greeter with nothing to say still starts, and only Done is written.
TEST(StartGreeterTest, ZeroTimesWritesOnlyDone) {
  RecordingSink& sink = Leaked<RecordingSink>();
  std::thread greeter = StartGreeter("Michael", 0, 10ms, sink);
  ASSERT_TRUE(greeter.joinable()) << NotRunning(Greetings(sink), 0);
  greeter.join();
  EXPECT_THAT(sink.lines.Texts(), ElementsAre("Done"));
}

// Tests that bad arguments are refused before a thread starts or Done is written.
TEST(StartGreeterTest, RejectsNegativeArgumentsBeforeStarting) {
  RecordingSink& sink = Leaked<RecordingSink>();
  EXPECT_THROW((void)StartGreeter("Michael", -1, 10ms, sink), std::invalid_argument);
  EXPECT_THROW((void)StartGreeter("Michael", 1, -10ms, sink), std::invalid_argument);
  EXPECT_THAT(sink.lines.Texts(), IsEmpty());
}

}  // namespace
}  // namespace kata
