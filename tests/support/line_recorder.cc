#include "tests/support/line_recorder.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "tests/support/trace.h"

namespace kata::testing {

void LineRecorder::Record(std::string text) {
  const Clock::time_point now = Clock::now();
  trace::Event("print", text);
  {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(TimedLine{now, std::move(text)});
  }
  arrived_.notify_all();
}

void LineRecorder::Close() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  arrived_.notify_all();
}

std::vector<TimedLine> LineRecorder::Lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_;
}

std::vector<std::string> LineRecorder::Texts() const {
  std::vector<std::string> texts;
  for (TimedLine& line : Lines()) texts.push_back(std::move(line.text));
  return texts;
}

bool LineRecorder::WaitUntil(const std::function<bool(const std::vector<TimedLine>&)>& done,
                             Clock::duration timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  arrived_.wait_for(lock, timeout, [&] { return closed_ || done(lines_); });
  return done(lines_);
}

bool LineRecorder::WaitForCount(std::size_t count, Clock::duration timeout) const {
  return WaitUntil([count](const std::vector<TimedLine>& lines) { return lines.size() >= count; },
                   timeout);
}

bool LineRecorder::WaitForLine(std::string_view text, Clock::duration timeout) const {
  return WaitUntil(
      [text](const std::vector<TimedLine>& lines) {
        return std::any_of(lines.begin(), lines.end(),
                           [text](const TimedLine& line) { return line.text == text; });
      },
      timeout);
}

std::optional<Clock::time_point> LineRecorder::TimeOf(std::string_view text) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const TimedLine& line : lines_) {
    if (line.text == text) return line.at;
  }
  return std::nullopt;
}

std::string LineRecorder::Dump() const { return DumpLines(Lines(), start_); }

std::string DumpLines(const std::vector<TimedLine>& lines, Clock::time_point zero) {
  if (lines.empty()) return "    (no lines)\n";
  std::string out;
  for (const TimedLine& line : lines) {
    const double ms = std::chrono::duration<double, std::milli>(line.at - zero).count();
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "    %+8.1f ms  ", ms);
    out += stamp;
    out += line.text;
    out += '\n';
  }
  return out;
}

}  // namespace kata::testing
