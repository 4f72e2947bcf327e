#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace frontdesk::cli {

// Shows how far a long job is: done/total, rate and time left. On a terminal one line is
// redrawn in place at most ten times a second; otherwise a plain line is written at most every
// five seconds, so logs stay short.
class Progress {
 public:
  using Clock = std::chrono::steady_clock;

  Progress(std::ostream& out, bool terminal, int64_t total, Clock::time_point start = Clock::now());

  // Reports `done` items at `now`; draws only when the redraw interval has passed.
  void Update(int64_t done, Clock::time_point now = Clock::now());

  // Draws the final state and ends the line.
  void Finish(int64_t done, Clock::time_point now = Clock::now());

  // "  1200/33066   3%  5400/s  ETA 6s" without bar or line ending.
  static std::string Describe(int64_t done, int64_t total, double seconds);

 private:
  void Draw(int64_t done, Clock::time_point now);

  std::ostream& out_;
  bool terminal_;
  int64_t total_;
  Clock::time_point start_;
  Clock::time_point last_draw_;
};

}  // namespace frontdesk::cli
