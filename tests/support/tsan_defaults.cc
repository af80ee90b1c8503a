// Default ThreadSanitizer options and suppressions for every kata binary, including the programs
// that tests start as child processes and that learners `bazel run` by hand. TSAN_OPTIONS, when
// set, still wins.
//
// atexit_sleep_ms=0: by default TSan lets threads run on for one second after main() returns,
// which hides what daemon threads do at exit -- the very thing exercises 02 and 05 look at.
extern "C" const char* __tsan_default_options() {
  return "second_deadlock_stack=1:atexit_sleep_ms=0";
}

// Two suppressions, both for exception references counted where TSan cannot see. The first is
// for LLVM's libc++abi (--config=libcxx), which is not built with TSan. It counts an exception's
// references with atomics that TSan cannot see. libc++'s std::async stores a job's exception in its
// future from inside the catch block, so the job's thread may drop the last reference -- and free
// the exception -- after the caller has read it through future::get(). That order is real, but TSan
// sees no happens-before and reports a race on the freed exception. Measured: exercise 03 solved
// with std::async failed 10 runs in 20 without this line. Only reports with a libc++abi frame in a
// stack are dropped: accesses libc++abi makes to an exception it owns (freeing it, running its
// destructor). The default build, with libstdc++, has no libc++abi at all.
//
// A second one, of the same kind, for libstdc++'s std::future (exercise 12's thread pool): a
// task's exception is kept in its future's std::__future_base::_Result, whose references (the
// exception_ptr's, the shared state's) are counted with atomics inside libstdc++.so, which is
// not built with TSan either. The worker may drop the last reference to the exception -- and
// free it -- after the reader's catch block has read it through future::get(). Only reports
// with a std::__future_base::_Result frame in a stack are dropped (the result being destroyed,
// and the exception with it); a race in the learner's own code has no such frame. Measured
// when exercise 12 was written: its reference failed 2 runs in 17 without this line.
extern "C" const char* __tsan_default_suppressions() {
  return "race:libc++abi.so\n"
         "race:std::__future_base::_Result\n";
}
