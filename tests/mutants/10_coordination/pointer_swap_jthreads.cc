// Alternative solution for exercise 10: the barrier's completion function swaps two pointers
// instead of the boards, the workers are std::jthreads (joined by their destructors, also when a
// later one cannot start), and Run releases its place in a catch block. Correct, but unlike the
// reference; the tests must pass it
// (tests/mutants/10_coordination:pointer_swap_jthreads_alternative_passes).
#include <atomic>
#include <barrier>
#include <latch>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "exercises/10_coordination/coordination.h"

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
  Board other = board;
  Board* current = &board;
  Board* next = &other;
  std::barrier generation_done(workers, [&current, &next]() noexcept { std::swap(current, next); });
  std::latch go(1);
  std::atomic<bool> stop{false};
  {
    std::vector<std::jthread> threads;
    try {
      for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
          go.wait();
          if (stop) return;
          const int first = w * rows / workers, last = (w + 1) * rows / workers;
          for (int g = 0; g < generations; ++g) {
            if (observer) observer->Computing(w, g);
            for (int row = first; row < last; ++row) {
              for (std::size_t col = 0; col < (*current)[row].size(); ++col) {
                (*next)[row][col] = NextCell(*current, row, static_cast<int>(col));
              }
            }
            generation_done.arrive_and_wait();
          }
        });
      }
    } catch (...) {
      stop = true;
      go.count_down();
      throw;  // ~jthread joins the workers that started
    }
    go.count_down();
  }
  return *current;
}

void Limiter::Run(const std::function<void()>& fn) {
  slots_.acquire();
  try {
    fn();
  } catch (...) {
    slots_.release();
    throw;
  }
  slots_.release();
}

}  // namespace kata
