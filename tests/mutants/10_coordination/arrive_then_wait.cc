// Alternative solution for exercise 10: arrive() and wait() as two steps, the bands handed out as
// first rows of every worker at once, a cancellation checked through the latch's try_wait, and a
// place released by a unique_ptr's deleter. Correct, but unlike the reference; the tests must pass
// it (tests/mutants/10_coordination:arrive_then_wait_alternative_passes).
#include <atomic>
#include <barrier>
#include <latch>
#include <memory>
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
  std::vector<int> first(workers + 1);
  for (int w = 0; w <= workers; ++w) first[w] = w * rows / workers;
  Board next = board;
  auto swap_boards = [&board, &next]() noexcept { board.swap(next); };
  std::barrier<decltype(swap_boards)> generation_done(workers, swap_boards);
  std::latch all_started(workers);
  std::latch failed(1);
  std::vector<std::thread> threads;
  try {
    for (int w = 0; w < workers; ++w) {
      threads.emplace_back([&, w] {
        all_started.count_down();
        // Either every worker starts (all_started opens) or a start failed (failed opens).
        while (!all_started.try_wait()) {
          if (failed.try_wait()) return;
          std::this_thread::yield();
        }
        for (int g = 0; g < generations; ++g) {
          if (observer != nullptr) observer->Computing(w, g);
          for (int row = first[w]; row < first[w + 1]; ++row) {
            for (std::size_t col = 0; col < board[row].size(); ++col) {
              next[row][col] = NextCell(board, row, static_cast<int>(col));
            }
          }
          auto token = generation_done.arrive();
          generation_done.wait(std::move(token));
        }
      });
    }
  } catch (const std::system_error&) {
    failed.count_down();
    for (std::thread& thread : threads) thread.join();
    throw;
  }
  for (std::thread& thread : threads) thread.join();
  return board;
}

void Limiter::Run(const std::function<void()>& fn) {
  slots_.acquire();
  auto release = [](std::counting_semaphore<>* slots) { slots->release(); };
  const std::unique_ptr<std::counting_semaphore<>, decltype(release)> place(&slots_, release);
  fn();
}

}  // namespace kata
