// Exercise 10: coordination with C++20's latch, barrier and counting semaphore.
//
// Python's threading.Barrier(n) holds threads until n of them have arrived, then lets them all
// go; threading.Semaphore(k) lets at most k threads past at once. C++20 has both, and a one-shot
// cousin: std::barrier (reusable, with a completion function that runs once per phase, after
// every thread has arrived and before any goes on), std::counting_semaphore, and std::latch (a
// count that opens a gate once it reaches zero, and never closes again). This header holds two
// users of them:
//
//   - RunLife: Conway's Game of Life stepped by worker threads, each computing a band of rows;
//     the generations are separated by a std::barrier whose completion function swaps the
//     boards, and a std::latch holds the workers until all have started;
//   - Limiter: at most `limit` callers run a function at once (Python's `with semaphore:`), on a
//     std::counting_semaphore, and a place is given back on every way out, exceptions included.
//
// This header is the contract: read it, then make coordination.cc fulfil it. Do not change this
// file; every test, the reference solution and the mutants are built against it.
//
// Thread safety: Limiter::Run may be called from any number of threads at once. RunLife starts,
// uses and joins its own worker threads; it calls the observer from them.
#ifndef KATA_EXERCISES_10_COORDINATION_COORDINATION_H_
#define KATA_EXERCISES_10_COORDINATION_COORDINATION_H_

#include <functional>
#include <semaphore>
#include <string>
#include <vector>

namespace kata {

// A Game of Life board: rows of equal length, '#' for a live cell and '.' for a dead one. Cells
// beyond the edges count as dead.
using Board = std::vector<std::string>;

// Told what RunLife's workers do; for tests. Computing is called from the worker threads, several
// at once, so an observer must be thread-safe.
class LifeObserver {
 public:
  virtual ~LifeObserver() = default;

  // Called by worker `worker` (0 .. workers-1), on the worker's own thread, as it works on
  // generation `generation` (0 .. generations-1): exactly once per worker and generation, and
  // for no worker with generation g + 1 before every worker has been called with generation g.
  virtual void Computing(int worker, int generation) { (void)worker, (void)generation; }
};

// Returns `board` after `generations` steps of Conway's rules (a live cell with 2 or 3 live
// neighbours lives on, a dead cell with exactly 3 becomes live, every other cell is dead next),
// computed by `workers` threads that all run at the same time. Each worker owns one band of
// consecutive rows (worker w, say, rows [w * rows / workers, (w + 1) * rows / workers)) and
// computes it from the current board into the next one; no worker starts generation g + 1
// before every worker has finished generation g, and the boards are swapped once per generation,
// between the two. `observer`, if not null, is told of each worker's work on each generation.
//
// Throws std::invalid_argument, before starting any thread, when the board is empty or its rows
// differ in length, when generations < 0, or when workers is not in [1, rows]. If a worker
// thread cannot be started, throws that std::system_error once every worker that did start has
// ended; no worker computes anything then. Blocks until every worker has ended.
Board RunLife(Board board, int generations, int workers, LifeObserver* observer = nullptr);

// Lets at most `limit` callers run a function at the same time: Python's
//
//   slots = threading.Semaphore(3)
//   with slots:
//       fetch(url)
//
// is `Limiter limiter(3); limiter.Run([&] { Fetch(url); });`.
class Limiter {
 public:
  // A limiter with `limit` places; `limit` must be at least 1.
  explicit Limiter(int limit) : slots_(limit) {}

  Limiter(const Limiter&) = delete;
  Limiter& operator=(const Limiter&) = delete;

  // Waits for a free place, runs `fn` on the calling thread, and frees the place again however
  // `fn` ends: by returning, or by throwing, in which case Run rethrows what it threw. While
  // `limit` callers are inside, Run blocks, sleeping without using the CPU, until one of them
  // leaves; each leaving caller lets exactly one more in.
  void Run(const std::function<void()>& fn);

 private:
  std::counting_semaphore<> slots_;  // one count per free place
};

}  // namespace kata

#endif  // KATA_EXERCISES_10_COORDINATION_COORDINATION_H_
