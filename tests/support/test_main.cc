// The main() of every kata test binary.
//
// Besides running GoogleTest it makes ThreadSanitizer a test verdict: each race report becomes
// a failure of the test that was running when the race happened, and the remaining tests still
// run (halt_on_error stays off), so a learner sees every failure in one go.
//
// TSan calls __sanitizer_report_error_summary() from deep inside its runtime -- sometimes from
// within free() -- where allocating would crash it. So the hook only copies the summary into a
// fixed buffer, and a test listener turns it into ADD_FAILURE() as the test ends.
#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>

#include "gtest/gtest.h"
#include "tests/support/chaos.h"
#include "tests/support/trace.h"

namespace {

constexpr int kMaxKept = 4;
char kept_summaries[kMaxKept][512];  // written only inside the hook, which TSan serialises
std::atomic<int> reports_since_test_start{0};

// What a report of this kind asks of the learner.
const char* Advice(const char* summary) {
  if (std::strstr(summary, "lock-order-inversion") != nullptr) {
    return "Two mutexes were locked in one order here and in the opposite order elsewhere: "
           "threads doing both can deadlock. Take them as one step (std::scoped_lock), or always "
           "in one global order (exercises/11_deadlock/README.md reads such a report).";
  }
  if (std::strstr(summary, "use-after-free") != nullptr ||
      std::strstr(summary, "race on vptr") != nullptr) {
    return "A thread used memory after it was freed: an object, or a local variable it captured "
           "by reference, died while the thread still used it. Join the thread before that "
           "object ends, or give the thread its own copy (capture by value, or move it in).";
  }
  if (std::strstr(summary, "thread leak") != nullptr) {
    return "A thread was still running, neither joined nor detached, when its owner ended: join "
           "every thread you start (or use std::jthread).";
  }
  if (std::strstr(summary, "data race") != nullptr) {
    return "Two threads touched the same memory with no happens-before between them: guard both "
           "accesses with the same mutex, or make the shared variable atomic. (If one side is a "
           "local of a function that has returned, capture it by value instead.)";
  }
  return "Read the report above: it names both places and the threads involved.";
}

class RaceToFailureListener : public ::testing::EmptyTestEventListener {
 public:
  // No reset here: a report that a thread left running finishes between two tests fails the
  // next one, rather than none (OnTestEnd takes the count).
  void OnTestStart(const ::testing::TestInfo& test) override {
    if (kata::testing::trace::Enabled()) {
      kata::testing::trace::Event("test", std::string(test.test_suite_name()) + "." + test.name());
    }
  }
  // OnTestEnd listeners run in reverse order, so this runs before the result is printed.
  void OnTestEnd(const ::testing::TestInfo&) override {
    const int reports = reports_since_test_start.exchange(0);
    for (int i = 0; i < reports && i < kMaxKept; ++i) {
      ADD_FAILURE() << "ThreadSanitizer reported a problem while this test ran:\n  "
                    << kept_summaries[i] << "\nThe full report is printed above. "
                    << Advice(kept_summaries[i]);
    }
    if (reports > kMaxKept) ADD_FAILURE() << (reports - kMaxKept) << " more TSan reports";
  }
};

// Marks each test's end in the trace (trace.h). Appended before RaceToFailureListener, so its
// OnTestEnd runs after that one's and sees the final result.
class TraceTestEndListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& test) override {
    if (!kata::testing::trace::Enabled()) return;
    kata::testing::trace::Event("test_end", std::string(test.test_suite_name()) + "." +
                                                test.name() +
                                                (test.result()->Failed() ? " failed" : " passed"));
  }
};

}  // namespace

// TSan calls this once per report, after printing the report itself to stderr. Not instrumented:
// TSan cannot see that it serialises the calls, so when two threads report, the second's write
// to kept_summaries would itself be reported -- from inside the report, which deadlocks TSan.
extern "C" __attribute__((no_sanitize("thread"))) void __sanitizer_report_error_summary(
    const char* summary) {
  std::fprintf(stderr, "%s\n", summary);
  const int index = reports_since_test_start.load();
  if (index < kMaxKept) {
    std::strncpy(kept_summaries[index], summary, sizeof kept_summaries[index] - 1);
    kept_summaries[index][sizeof kept_summaries[index] - 1] = '\0';
  }
  reports_since_test_start.fetch_add(1);
}

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(new TraceTestEndListener);
  ::testing::UnitTest::GetInstance()->listeners().Append(new RaceToFailureListener);
  const int result = RUN_ALL_TESTS();
  if (result != 0 && kata::testing::chaos::Enabled()) {
    // The seed was printed at start-up too, but far above the failures.
    const auto seed = static_cast<unsigned long long>(kata::testing::chaos::Seed());
    std::fprintf(stderr, "kata chaos: this run's seed=%llu; replay: KATA_CHAOS_SEED=%llu\n", seed,
                 seed);
  }
  return result;
}
