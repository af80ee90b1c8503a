// exit_code_app: ends through ExitMain(code), with the code given as its only argument, while a
// daemon thread is still asleep. Given; greeter_app_test.cc runs it to check ExitMain's status.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "exercises/02_daemon_exit/thread_registry.h"

int main(int argc, char** argv) {
  const int code = argc == 2 ? std::atoi(argv[1]) : 0;
  kata::Start([] { std::this_thread::sleep_for(std::chrono::hours(1)); }, kata::Daemon::kYes);
  std::fputs("exiting\n", stdout);
  kata::ExitMain(code);
}
