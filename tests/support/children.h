// The children of this process, as /proc shows them: for tests of code that forks (exercise 06's
// kProcesses), to see that every child is reaped and that children run at the same time. Reads
// /proc/self/task/<tid>/children of each thread, which is far quicker than the whole of /proc.
#ifndef KATA_TESTS_SUPPORT_CHILDREN_H_
#define KATA_TESTS_SUPPORT_CHILDREN_H_

#include <sys/types.h>

#include <atomic>
#include <string>
#include <vector>

#include "tests/support/line_recorder.h"

namespace kata::testing {

// A child of this process, as /proc shows it.
struct Child {
  pid_t pid;
  char state;      // 'R' running, 'S' asleep, 'T' stopped, 'Z' ended but not reaped (a zombie)
  bool runs_this;  // a copy of this program: what a fork makes (TSan's symbolizer is not one)
};

// The one-letter state of child `pid` of this process, or '?' once it is gone. Never blocks.
char ChildState(pid_t pid);

// Every child of this process, zombies included. Never blocks.
std::vector<Child> ChildrenOfThisProcess();

// Children of this process that were forked and not reaped: zombies and copies of this program
// still running, one line each ("pid 123 state Z"). Reaps the zombies it finds, so that one
// failing test does not spoil the next. Never blocks.
std::vector<std::string> UnreapedChildren();

// Whether the copies of this program that this process forks are alive at the same time. Holds
// (SIGSTOP) each child as soon as it is seen alive, so that it stays alive to be seen, until it
// sees an overlap -- two held children alive at once, or a younger child (a higher pid) beside a
// held one that is still alive -- or `deadline` passes, or `done` is set; then lets every child
// go on (SIGCONT). Each held child's state is read again after the listing, so that a child seen
// alive is alive throughout. Blocks until then, checking every 100 us.
bool SawChildrenOverlap(Clock::duration deadline, const std::atomic<bool>& done);

}  // namespace kata::testing

#endif  // KATA_TESTS_SUPPORT_CHILDREN_H_
