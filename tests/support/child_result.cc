#include "tests/support/child_process.h"

namespace kata::testing {

std::vector<std::string> ChildResult::texts() const {
  std::vector<std::string> texts;
  for (const TimedLine& line : out) texts.push_back(line.text);
  return texts;
}

const TimedLine* ChildResult::Find(std::string_view text) const {
  for (const TimedLine& line : out) {
    if (line.text == text) return &line;
  }
  return nullptr;
}

std::string ChildResult::Describe() const {
  const double ms = std::chrono::duration<double, std::milli>(lifetime()).count();
  std::string how;
  if (timed_out)
    how = "did not finish in time and was killed";
  else if (exit_code)
    how = "exited with code " + std::to_string(*exit_code);
  else if (signal)
    how = "was killed by " + SignalName(*signal);
  else
    how = "ended in an unknown way";
  std::string text = "the program " + how + " after " + std::to_string(static_cast<long>(ms)) +
                     " ms.\n  stdout (time since start):\n" + DumpLines(out, started_at);
  text += err.empty() ? "  stderr: (empty)\n" : "  stderr:\n" + err;
  return text;
}

}  // namespace kata::testing
