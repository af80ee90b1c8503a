// The trace recorder behind trace.h. Threads queue events in trace_ring.h's lock-free queue; one
// sampler thread drains it every 2 ms, notes which threads are on a CPU, and appends
// everything to the trace file.
#include "tests/support/trace.h"

#include <dirent.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>

#include "tests/support/trace_ring.h"

namespace kata::testing::trace {
namespace internal {
std::atomic<bool> enabled{false};
std::atomic<long> samples{0};
}  // namespace internal
namespace {

constexpr long kSampleNs = 2'000'000;

std::atomic<bool> stopping{false};
std::uint64_t start_ns = 0;
int trace_fd = -1;
pthread_t sampler;
// Where the test binary itself is loaded: its load bias, and the addresses its segments span.
std::uintptr_t binary_bias = 0, binary_from = 0, binary_to = 0;

// Finds the test binary's place in memory: dl_iterate_phdr reports the program first.
void FindBinary() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void*) {
        binary_bias = info->dlpi_addr;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD) continue;
          const std::uintptr_t from = info->dlpi_addr + segment.p_vaddr;
          if (binary_from == 0 || from < binary_from) binary_from = from;
          if (from + segment.p_memsz > binary_to) binary_to = from + segment.p_memsz;
        }
        return 1;  // the program only
      },
      nullptr);
}

std::uint64_t NowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + ts.tv_nsec;
}

// Appends an event line; `stack`, if given, ends it with a field "stack=" and the addresses
// in the test binary of the calls that led to the event, innermost first, in hex as
// `addr2line -e BINARY` reads them (tools/grade timeline tells the learner's calls from the
// test's with them).
void AppendEvent(std::string& out, std::uint64_t at_ns, long tid, const char* kind,
                 const char* detail, const std::uintptr_t* stack = nullptr) {
  char line[64];
  std::snprintf(line, sizeof line, "%llu\t%ld\t",
                static_cast<unsigned long long>((at_ns - start_ns) / 1000), tid);
  out.append(line).append(kind).append("\t").append(detail);
  const char* separator = "\tstack=";
  for (int i = 0; stack != nullptr && i < internal::kStackDepth && stack[i] != 0; ++i) {
    if (stack[i] < binary_from || stack[i] >= binary_to) continue;  // libstdc++, libc, TSan
    // A return address follows its call: one byte back is the call itself.
    std::snprintf(line, sizeof line, "%s%lx", separator,
                  static_cast<unsigned long>(stack[i] - 1 - binary_bias));
    out.append(line);
    separator = ",";
  }
  out.append("\n");
}

// Moves every queued event to `out`.
void Drain(std::string& out) {
  internal::RingEvent event;
  while (internal::Pop(event)) {
    AppendEvent(out, event.at_ns, event.tid, event.kind, event.detail, event.stack);
  }
}

struct Task {
  int fd = -1;
  char state = '?';  // 'R': on a CPU or runnable; 'S': waiting (sleep, lock, join, I/O...)
  int seen = 0;      // the last round that found this thread
};

// Appends a "run" or "wait" event for every thread whose state changed since the last round,
// and "gone" for every thread that ended.
void Sample(std::unordered_map<long, Task>& tasks, long self, int round, std::string& out) {
  DIR* dir = opendir("/proc/self/task");
  if (dir == nullptr) return;
  const std::uint64_t now = NowNs();
  while (dirent* entry = readdir(dir)) {
    const long tid = std::strtol(entry->d_name, nullptr, 10);
    if (tid <= 0 || tid == self) continue;
    Task& task = tasks[tid];
    task.seen = round;
    if (task.fd < 0) {
      const std::string path = "/proc/self/task/" + std::to_string(tid) + "/stat";
      task.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    char stat[512];
    const ssize_t n = task.fd < 0 ? -1 : pread(task.fd, stat, sizeof stat - 1, 0);
    if (n <= 0) continue;
    stat[n] = '\0';
    const char* paren = std::strrchr(stat, ')');
    const char state = (paren != nullptr && paren[1] == ' ' && paren[2] == 'R') ? 'R' : 'S';
    if (state != task.state) AppendEvent(out, now, tid, state == 'R' ? "run" : "wait", "");
    task.state = state;
  }
  closedir(dir);
  for (auto it = tasks.begin(); it != tasks.end();) {
    if (it->second.seen == round) {
      ++it;
      continue;
    }
    if (it->second.fd >= 0) close(it->second.fd);
    AppendEvent(out, now, it->first, "gone", "");
    it = tasks.erase(it);
  }
}

void Flush(std::string& out) {
  for (std::size_t done = 0; done < out.size();) {
    const ssize_t n = write(trace_fd, out.data() + done, out.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.clear();
}

void* SamplerMain(void*) {
  const long self = ThreadId();
  std::unordered_map<long, Task> tasks;
  std::string out;
  for (int round = 1;; ++round) {
    const bool last = stopping.load(std::memory_order_acquire);
    Sample(tasks, self, round, out);
    internal::samples.store(round, std::memory_order_relaxed);
    Drain(out);
    if (last || round % 25 == 0 || out.size() > (1 << 16)) Flush(out);
    if (last) return nullptr;
    timespec pause{0, kSampleNs};
    nanosleep(&pause, nullptr);
  }
}

void Stop() {
  stopping.store(true, std::memory_order_release);
  pthread_join(sampler, nullptr);
  close(trace_fd);
}

bool Start() {
  const char* name = std::getenv("KATA_TRACE");
  if (name == nullptr || *name == '\0') return false;
  std::string path = name;
  // Children started with ChildProcess inherit the environment: keep them off this file.
  // (Static initialisation, before any thread: changing the environment is still safe.)
  unsetenv("KATA_TRACE");
  if (path[0] != '/') {
    const char* dir = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
    path = std::string(dir != nullptr && *dir != '\0' ? dir : ".") + "/" + path;
  }
  trace_fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
  if (trace_fd < 0) {
    std::fprintf(stderr, "KATA_TRACE: cannot write %s; not tracing\n", path.c_str());
    return false;
  }
  start_ns = NowNs();
  FindBinary();
  std::string header = "# kata-trace 1\tpid=" + std::to_string(getpid()) +
                       "\tmain=" + std::to_string(ThreadId()) +
                       "\tsample_us=" + std::to_string(kSampleNs / 1000) + "\n";
  Flush(header);
  // The sampler starts before recording does, so the thread layer (interpose.cc) leaves it out.
  if (pthread_create(&sampler, nullptr, SamplerMain, nullptr) != 0) return false;
  internal::enabled.store(true, std::memory_order_release);
  std::atexit(Stop);
  return true;
}

[[maybe_unused]] const bool started = Start();

}  // namespace

long ThreadId() {
  thread_local const long tid = static_cast<long>(syscall(SYS_gettid));
  return tid;
}

void internal::Write(std::string_view kind, std::string_view detail) {
  void* stack[kStackDepth + 1];
  const int depth = backtrace(stack, kStackDepth + 1);  // stack[0] is here, in Write
  // A full queue drops the event.
  internal::Push(NowNs(), ThreadId(), kind, detail, stack + 1, depth - 1);
}

}  // namespace kata::testing::trace
