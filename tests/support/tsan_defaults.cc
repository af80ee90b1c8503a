// Default ThreadSanitizer options for every kata binary, including the programs that tests start
// as child processes and that learners `bazel run` by hand. TSAN_OPTIONS, when set, still wins.
//
// atexit_sleep_ms=0: by default TSan lets threads run on for one second after main() returns,
// which hides what daemon threads do at exit -- the very thing exercises 02 and 05 look at.
extern "C" const char* __tsan_default_options() {
  return "second_deadlock_stack=1:atexit_sleep_ms=0";
}
