// Reference solution for exercise 10.
#include "exercises/10_coordination/coordination.h"

#include <atomic>
#include <barrier>
#include <latch>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace kata {
namespace {

// The next state of board[row][col]; cells beyond the edges are dead.
char NextCell(const Board& board, int row, int col) {
  const int rows = static_cast<int>(board.size());
  const int cols = static_cast<int>(board[0].size());
  int live = 0;
  for (int dr = -1; dr <= 1; ++dr) {
    for (int dc = -1; dc <= 1; ++dc) {
      const int r = row + dr, c = col + dc;
      if ((dr != 0 || dc != 0) && r >= 0 && r < rows && c >= 0 && c < cols) {
        live += board[r][c] == '#';
      }
    }
  }
  const bool alive = board[row][col] == '#';
  return (live == 3 || (alive && live == 2)) ? '#' : '.';
}

void CheckArguments(const Board& board, int generations, int workers) {
  if (board.empty()) throw std::invalid_argument("RunLife: the board is empty");
  for (const std::string& row : board) {
    if (row.size() != board[0].size()) throw std::invalid_argument("RunLife: ragged rows");
  }
  if (generations < 0) throw std::invalid_argument("RunLife: generations < 0");
  if (workers < 1 || workers > static_cast<int>(board.size())) {
    throw std::invalid_argument("RunLife: workers must be in [1, rows]");
  }
}

}  // namespace

Board RunLife(Board board, int generations, int workers, LifeObserver* observer) {
  CheckArguments(board, generations, workers);
  const int rows = static_cast<int>(board.size());
  Board next = board;
  // Runs once per generation, after every worker has arrived and before any goes on.
  std::barrier generation_done(workers, [&board, &next]() noexcept { board.swap(next); });
  std::latch started(1);               // every thread is running, or one could not start
  std::atomic<bool> cancelled{false};  // set when a thread could not start
  std::vector<std::thread> threads;
  auto work = [&](int w) {
    started.wait();
    if (cancelled) return;  // never reaches the barrier: the missing worker never would
    for (int g = 0; g < generations; ++g) {
      if (observer != nullptr) observer->Computing(w, g);
      for (int row = w * rows / workers; row < (w + 1) * rows / workers; ++row) {
        for (int col = 0; col < static_cast<int>(board[row].size()); ++col) {
          next[row][col] = NextCell(board, row, col);
        }
      }
      generation_done.arrive_and_wait();
    }
  };
  try {
    for (int w = 0; w < workers; ++w) threads.emplace_back(work, w);
  } catch (const std::system_error&) {
    cancelled = true;
    started.count_down();
    for (std::thread& thread : threads) thread.join();
    throw;
  }
  started.count_down();
  for (std::thread& thread : threads) thread.join();
  return board;
}

void Limiter::Run(const std::function<void()>& fn) {
  slots_.acquire();
  // Frees the place on every way out of fn, the exception included.
  struct Release {
    std::counting_semaphore<>& slots;
    ~Release() { slots.release(); }
  } release{slots_};
  fn();
}

}  // namespace kata
