// exit_code_app: ends through ExitMain(code), with the code given as its only argument, while a
// daemon thread is still asleep. Given; greeter_app_test.cc runs it to check ExitMain's status.
// (The daemon sleeps only a second: an ExitMain that wrongly waits for it still ends, and other
// tests, not this one, point out that mistake.)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "exercises/02_daemon_exit/thread_registry.h"

int main(int argc, char** argv) {
  const int code = argc == 2 ? std::atoi(argv[1]) : 0;
  kata::Start([] { std::this_thread::sleep_for(std::chrono::seconds(1)); }, kata::Daemon::kYes);
  std::fputs("exiting\n", stdout);
  kata::ExitMain(code);
}
