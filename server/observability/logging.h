#pragma once

// A small structured logger. Every event becomes one `key=value` line on stderr:
//
//   ts=2026-12-04T16:54:00.123Z level=info msg="server started" listen=0.0.0.0:50051
//
// Values that are empty or contain spaces, quotes, `=`, backslashes or control characters are
// double-quoted, with `"`, `\`, newline, carriage return and tab escaped C-style and other
// control characters as `\xHH`. All functions here are thread-safe; each line is emitted with a
// single write so that concurrent lines never interleave.

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace frontdesk::observability {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Returns "debug", "info", "warn" or "error".
std::string_view LogLevelName(LogLevel level);

// Parses a level name case-insensitively ("debug", "info", "warn" or "warning", "error").
// Returns nullopt for anything else.
std::optional<LogLevel> ParseLogLevel(std::string_view name);

// Sets the process-wide minimum level; events below it are dropped. The default is kInfo.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();

// Returns true when an event at `level` would be written.
bool IsLogLevelEnabled(LogLevel level);

// Any integer type except bool, which LogValue prints as true or false.
template <typename T>
concept LogInteger = std::integral<T> && !std::same_as<T, bool>;

// A field value. Strings are kept by reference: a LogField must not outlive the data it views,
// which holds naturally for the `{key, value}` lists passed straight to Log().
class LogValue {
 public:
  // The constructors are implicit so that fields read naturally: {"port", 50051}.
  LogValue(std::string_view value) : value_(value) {}                      // NOLINT
  LogValue(const char* value) : value_(std::string_view(value)) {}         // NOLINT
  LogValue(const std::string& value) : value_(std::string_view(value)) {}  // NOLINT
  LogValue(bool value) : value_(value) {}                                  // NOLINT
  LogValue(double value) : value_(value) {}                                // NOLINT
#ifndef ABSL_USES_STD_STRING_VIEW
  // Debian's Abseil has its own string_view, which absl::Status::message() returns.
  LogValue(absl::string_view value)  // NOLINT
      : value_(std::string_view(value.data(), value.size())) {}
#endif

  template <LogInteger T>
  LogValue(T value) {  // NOLINT
    if constexpr (std::is_signed_v<T>) {
      value_ = static_cast<std::int64_t>(value);
    } else {
      value_ = static_cast<std::uint64_t>(value);
    }
  }

  // Appends the unescaped text of the value to `out`.
  void AppendTo(std::string& out) const;

 private:
  std::variant<std::string_view, std::int64_t, std::uint64_t, double, bool> value_;
};

// One `key=value` pair. Keys should be short snake_case constants from code; characters
// outside [A-Za-z0-9_.-] are replaced by `_` so the line stays parseable.
struct LogField {
  std::string_view key;
  LogValue value;
};

using LogFields = std::initializer_list<LogField>;

// Formats one line (without the trailing newline) for an event that happened at `time`.
std::string FormatLogLine(std::chrono::system_clock::time_point time, LogLevel level,
                          std::string_view msg, LogFields fields);

// Writes one line if `level` is enabled.
void Log(LogLevel level, std::string_view msg, LogFields fields = {});

inline void LogDebug(std::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kDebug, msg, fields);
}
inline void LogInfo(std::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kInfo, msg, fields);
}
inline void LogWarn(std::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kWarn, msg, fields);
}
inline void LogError(std::string_view msg, LogFields fields = {}) {
  Log(LogLevel::kError, msg, fields);
}

// Receives each complete line, including the trailing newline.
using LogSink = std::function<void(std::string_view line)>;

// Replaces the destination of all lines (the default writes to stderr); an empty sink restores
// the default. Meant for tests and embedding. The sink is called under the logger's lock, so it
// must not log itself.
void SetLogSink(LogSink sink);

// Admits at most one event per period for each key and counts the rest.
class LogRateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // `now` lets tests drive time; by default the steady clock is used.
  explicit LogRateLimiter(Clock now = nullptr);

  // Returns the number of events for `key` suppressed since the last admitted one when this
  // event may be logged, or nullopt when it falls within `period` of the last admitted event.
  // Keys must come from a bounded set (code constants): each distinct key is kept forever.
  std::optional<std::uint64_t> Admit(std::string_view key,
                                     std::chrono::steady_clock::duration period);

  // Logs the event if Admit() lets it through, adding `suppressed=N` when N > 0. Events below
  // the minimum level neither log nor count.
  void Log(std::string_view key, std::chrono::steady_clock::duration period, LogLevel level,
           std::string_view msg, LogFields fields = {});

 private:
  struct KeyState {
    std::chrono::steady_clock::time_point last_admitted;
    std::uint64_t suppressed = 0;
  };

  Clock now_;
  absl::Mutex mutex_;
  std::map<std::string, KeyState, std::less<>> states_ ABSL_GUARDED_BY(mutex_);
};

// LogRateLimiter::Log() on a process-wide limiter, for repeated warnings such as
// "database unreachable" in a retry loop.
void LogRateLimited(std::string_view key, std::chrono::steady_clock::duration period,
                    LogLevel level, std::string_view msg, LogFields fields = {});

// Returns `url` with the password of its `scheme://user:password@host/...` form replaced by
// `***`; other text is returned unchanged. The user information is taken to end at the last
// `@` before any `?` or `#`, so an unescaped `@` or `/` inside the password is still hidden.
std::string RedactUrlPassword(std::string_view url);

}  // namespace frontdesk::observability
