#include "output/progress.h"

#include <algorithm>
#include <ostream>

#include "absl/strings/str_format.h"
#include "output/text.h"

namespace frontdesk::cli {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLogInterval = std::chrono::seconds(5);
constexpr int kBarWidth = 24;

}  // namespace

Progress::Progress(std::ostream& out, bool terminal, int64_t total, Clock::time_point start)
    : out_(out), terminal_(terminal), total_(total), start_(start), last_draw_(start) {}

std::string Progress::Describe(int64_t done, int64_t total, double seconds) {
  const double rate = seconds > 0 ? done / seconds : 0;
  const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
  std::string eta = "-";
  if (rate > 0) eta = FormatSeconds(static_cast<int64_t>((total - done) / rate + 0.5));
  return absl::StrFormat("%d/%d %3d%%  %.0f/s  ETA %s", done, total, percent, rate, eta);
}

void Progress::Update(int64_t done, Clock::time_point now) {
  if (now - last_draw_ <
      (terminal_ ? Clock::duration(kTerminalInterval) : Clock::duration(kLogInterval))) {
    return;
  }
  Draw(done, now);
}

void Progress::Finish(int64_t done, Clock::time_point now) {
  Draw(done, now);
  if (terminal_) out_ << "\n";
  out_.flush();
}

void Progress::Draw(int64_t done, Clock::time_point now) {
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string text = Describe(done, total_, seconds);
  if (!terminal_) {
    out_ << "progress: " << text << "\n";
    return;
  }
  const int filled = total_ > 0
                         ? static_cast<int>(std::min<int64_t>(done, total_) * kBarWidth / total_)
                         : kBarWidth;
  out_ << "\r[" << std::string(filled, '#') << std::string(kBarWidth - filled, '.') << "] " << text
       << "\033[K";
  out_.flush();
}

}  // namespace frontdesk::cli
