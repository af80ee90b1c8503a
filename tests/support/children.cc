#include "tests/support/children.h"

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace kata::testing {
namespace {

using namespace std::chrono_literals;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The stat line of process `pid` split at its name, which may contain anything: false if the
// process is gone.
bool ReadStat(pid_t pid, std::string& comm, std::istringstream& rest) {
  const std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t open = stat.find('('), close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos) return false;
  comm = stat.substr(open + 1, close - open - 1);
  rest.str(stat.substr(close + 1));
  return true;
}

}  // namespace

char ChildState(pid_t pid) {
  std::string comm;
  std::istringstream rest;
  char state = '?';
  int ppid = 0;
  if (!ReadStat(pid, comm, rest) || !(rest >> state >> ppid) || ppid != getpid()) return '?';
  return state;
}

std::vector<Child> ChildrenOfThisProcess() {
  const std::string me = ReadFile("/proc/self/comm");
  std::vector<Child> found;
  DIR* tasks = opendir("/proc/self/task");
  while (dirent* task = readdir(tasks)) {
    if (task->d_name[0] == '.') continue;
    std::istringstream pids(ReadFile(std::string("/proc/self/task/") + task->d_name + "/children"));
    for (pid_t pid; pids >> pid;) {
      std::string comm;
      std::istringstream rest;
      char state = '?';
      if (ReadStat(pid, comm, rest) && rest >> state)
        found.push_back({pid, state, comm + "\n" == me});
    }
  }
  closedir(tasks);
  return found;
}

std::vector<std::string> UnreapedChildren() {
  std::vector<std::string> found;
  for (const Child& child : ChildrenOfThisProcess()) {
    if (child.state != 'Z' && !child.runs_this) continue;
    found.push_back("pid " + std::to_string(child.pid) + " state " + child.state);
    if (child.state == 'Z') waitpid(child.pid, nullptr, WNOHANG);
  }
  return found;
}

bool SawChildrenOverlap(Clock::duration deadline, const std::atomic<bool>& done) {
  std::set<pid_t> held;
  bool overlap = false;
  for (const auto give_up = Clock::now() + deadline; !overlap && !done && Clock::now() < give_up;
       std::this_thread::sleep_for(100us)) {
    std::vector<pid_t> copies;
    for (const Child& child : ChildrenOfThisProcess()) {
      if (!child.runs_this) continue;
      copies.push_back(child.pid);
      if (child.state != 'Z' && held.insert(child.pid).second) kill(child.pid, SIGSTOP);
    }
    std::vector<pid_t> alive;
    for (pid_t pid : held) {
      const char state = ChildState(pid);
      if (state != 'Z' && state != '?') alive.push_back(pid);
    }
    overlap = alive.size() >= 2 || std::any_of(alive.begin(), alive.end(), [&copies](pid_t old) {
                return std::any_of(copies.begin(), copies.end(),
                                   [old](pid_t young) { return young > old; });
              });
  }
  for (pid_t pid : held) kill(pid, SIGCONT);
  return overlap;
}

}  // namespace kata::testing
