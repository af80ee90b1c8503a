// The seed's join-with-timeout scenario, built on your JoinableThread:
//
//   d = Thread(name='daemon', target=d)      # logs Starting, sleeps 5 units, logs Exiting
//   t = Thread(name='non-daemon', target=n)  # logs Starting, logs Exiting
//   t.start(); d.start()                     # the seed starts d first; see main()
//   d.join(3.0)
//   print('d.is_alive()', d.is_alive())
//   t.join()                                 # then the program ends, and d with it
//
// Usage: daemon_timeout_app [--unit-ms N]    one unit is N ms (default 1000: the seed's second)
//
// Expected output with --unit-ms 80 (the first three lines may come in another order):
//   (non-daemon) Starting
//   (non-daemon) Exiting
//   (daemon    ) Starting
//   (MainThread) d.join(240 ms) returned after 240 ms
//   d.is_alive() true
// The daemon's "Exiting" never comes: the process ends 3 units in, 2 units before d wakes up.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "exercises/04_join_timeout/joinable_thread.h"

namespace {

std::mutex stdout_mu;  // held while writing a line, so that lines never interleave

// Python's logging format '(%(threadName)-10s) %(message)s', flushed at once.
void Log(const char* thread_name, const char* message) {
  std::lock_guard<std::mutex> lock(stdout_mu);
  std::printf("(%-10s) %s\n", thread_name, message);
  std::fflush(stdout);
}

// Whole milliseconds in `d`, rounded down.
long long Ms(std::chrono::nanoseconds d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

// Parses "[--unit-ms N]" with 0 < N <= 60000. False on anything else.
bool ParseUnit(int argc, char** argv, int& unit_ms) {
  if (argc == 1) return true;
  if (argc != 3 || std::strcmp(argv[1], "--unit-ms") != 0) return false;
  char* end = nullptr;
  const long value = std::strtol(argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || value <= 0 || value > 60000) return false;
  unit_ms = static_cast<int>(value);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int unit_ms = 1000;
  if (!ParseUnit(argc, argv, unit_ms)) {
    std::fprintf(stderr, "usage: %s [--unit-ms N]   (0 < N <= 60000; default 1000)\n", argv[0]);
    return 2;
  }
  const std::chrono::milliseconds unit(unit_ms);

  kata::JoinableThread t([] {
    Log("non-daemon", "Starting");
    Log("non-daemon", "Exiting");
  });
  // Started second, unlike in the seed, so that its sleep and main's join begin together:
  // starting a thread can take longer than a unit on a busy machine. Leaked on purpose, so that
  // its destructor never runs: ~JoinableThread joins, which would make the program wait out the
  // daemon's whole sleep -- exactly what Python does not do.
  auto* d = new kata::JoinableThread([unit] {
    Log("daemon", "Starting");
    std::this_thread::sleep_for(5 * unit);
    Log("daemon", "Exiting");
  });

  const auto join_start = std::chrono::steady_clock::now();
  d->JoinFor(3 * unit);  // d.join(3.0): like Python, look at IsAlive() for the answer
  char joined[96];
  std::snprintf(joined, sizeof joined, "d.join(%lld ms) returned after %lld ms", Ms(3 * unit),
                Ms(std::chrono::steady_clock::now() - join_start));
  Log("MainThread", joined);
  const bool alive = d->IsAlive();  // asked before taking stdout_mu: never call out under a lock
  {
    std::lock_guard<std::mutex> lock(stdout_mu);
    std::printf("d.is_alive() %s\n", alive ? "true" : "false");
    std::fflush(stdout);
  }
  t.Join();

  // Python now ends the program: only daemon threads are left, and they die with it. Returning
  // from main would run static destructors (stdout_mu's, stdio's) while d may still use them,
  // which is undefined behaviour. So flush what we wrote and end the process on the spot:
  // _Exit runs no destructors and waits for no thread.
  std::fflush(stdout);
  std::_Exit(0);
}
