#include "observability/logging.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <utility>

namespace frontdesk::observability {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kInfo)};

// Function-local statics so that logging from other static initializers is safe.
absl::Mutex& SinkMutex() {
  static absl::Mutex* mutex = new absl::Mutex();
  return *mutex;
}

LogSink& Sink() {
  static LogSink* sink = new LogSink();
  return *sink;
}

void WriteToStderr(std::string_view line) {
  // A single write() keeps the line whole; the loop only resumes after a partial write or a
  // signal, which pipes and terminals rarely produce.
  while (!line.empty()) {
    const ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    line.remove_prefix(static_cast<std::size_t>(written));
  }
}

void Emit(std::string_view line) {
  absl::MutexLock lock(&SinkMutex());
  if (Sink()) {
    Sink()(line);
  } else {
    WriteToStderr(line);
  }
}

bool NeedsQuoting(std::string_view value) {
  if (value.empty()) return true;
  for (const char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
        c == 0x7f) {
      return true;
    }
  }
  return false;
}

void AppendEscaped(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          out += "\\x";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xf];
        } else {
          out += c;
        }
    }
  }
}

void AppendValue(std::string& out, std::string_view value) {
  if (!NeedsQuoting(value)) {
    out += value;
    return;
  }
  out += '"';
  AppendEscaped(out, value);
  out += '"';
}

void AppendKey(std::string& out, std::string_view key) {
  if (key.empty()) key = "_";
  for (const char c : key) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    out += allowed ? c : '_';
  }
}

void AppendField(std::string& out, std::string_view key, std::string_view value) {
  out += ' ';
  AppendKey(out, key);
  out += '=';
  AppendValue(out, value);
}

// RFC 3339 in UTC with milliseconds, e.g. 2026-12-04T16:54:00.123Z.
void AppendTimestamp(std::string& out, std::chrono::system_clock::time_point time) {
  const auto millis =
      std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char buffer[32];
  const int length = std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                   utc.tm_min, utc.tm_sec, static_cast<int>(millis % 1000));
  out.append(buffer, static_cast<std::size_t>(length));
}

template <typename T>
void AppendNumber(std::string& out, T value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "unknown";
}

std::optional<LogLevel> ParseLogLevel(std::string_view name) {
  for (const LogLevel level :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (EqualsIgnoreCase(name, LogLevelName(level))) return level;
  }
  if (EqualsIgnoreCase(name, "warning")) return LogLevel::kWarn;
  return std::nullopt;
}

void SetLogLevel(LogLevel level) {
  g_min_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

LogLevel GetLogLevel() {
  return static_cast<LogLevel>(g_min_level.load(std::memory_order_relaxed));
}

bool IsLogLevelEnabled(LogLevel level) {
  return static_cast<int>(level) >= g_min_level.load(std::memory_order_relaxed);
}

void LogValue::AppendTo(std::string& out) const {
  if (const auto* text = std::get_if<std::string_view>(&value_)) {
    out += *text;
  } else if (const auto* flag = std::get_if<bool>(&value_)) {
    out += *flag ? "true" : "false";
  } else if (const auto* real = std::get_if<double>(&value_)) {
    AppendNumber(out, *real);
  } else if (const auto* signed_value = std::get_if<std::int64_t>(&value_)) {
    AppendNumber(out, *signed_value);
  } else {
    AppendNumber(out, std::get<std::uint64_t>(value_));
  }
}

std::string FormatLogLine(std::chrono::system_clock::time_point time, LogLevel level,
                          std::string_view msg, LogFields fields) {
  std::string line = "ts=";
  AppendTimestamp(line, time);
  AppendField(line, "level", LogLevelName(level));
  AppendField(line, "msg", msg);

  std::string value;
  for (const LogField& field : fields) {
    value.clear();
    field.value.AppendTo(value);
    AppendField(line, field.key, value);
  }
  return line;
}

void Log(LogLevel level, std::string_view msg, LogFields fields) {
  if (!IsLogLevelEnabled(level)) return;
  std::string line = FormatLogLine(std::chrono::system_clock::now(), level, msg, fields);
  line += '\n';
  Emit(line);
}

void SetLogSink(LogSink sink) {
  absl::MutexLock lock(&SinkMutex());
  Sink() = std::move(sink);
}

LogRateLimiter::LogRateLimiter(Clock now) : now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::steady_clock::now(); };
}

std::optional<std::uint64_t> LogRateLimiter::Admit(std::string_view key,
                                                   std::chrono::steady_clock::duration period) {
  const auto now = now_();
  absl::MutexLock lock(&mutex_);
  auto it = states_.find(key);
  if (it == states_.end()) {
    states_.emplace(std::string(key), KeyState{now, 0});
    return 0;
  }
  KeyState& state = it->second;
  if (now - state.last_admitted < period) {
    ++state.suppressed;
    return std::nullopt;
  }
  state.last_admitted = now;
  return std::exchange(state.suppressed, 0);
}

void LogRateLimiter::Log(std::string_view key, std::chrono::steady_clock::duration period,
                         LogLevel level, std::string_view msg, LogFields fields) {
  if (!IsLogLevelEnabled(level)) return;
  const std::optional<std::uint64_t> suppressed = Admit(key, period);
  if (!suppressed.has_value()) return;

  std::string line = FormatLogLine(std::chrono::system_clock::now(), level, msg, fields);
  if (*suppressed > 0) AppendField(line, "suppressed", std::to_string(*suppressed));
  line += '\n';
  Emit(line);
}

void LogRateLimited(std::string_view key, std::chrono::steady_clock::duration period,
                    LogLevel level, std::string_view msg, LogFields fields) {
  static LogRateLimiter* limiter = new LogRateLimiter();
  limiter->Log(key, period, level, msg, fields);
}

std::string RedactUrlPassword(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t userinfo_begin = scheme_end + 3;

  // Stop at the query or fragment: an `@` there (an e-mail address, say) is not user info.
  const std::size_t tail_begin = url.find_first_of("?#", userinfo_begin);
  const std::string_view authority_and_path =
      url.substr(userinfo_begin,
                 tail_begin == std::string_view::npos ? tail_begin : tail_begin - userinfo_begin);
  const std::size_t at = authority_and_path.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  const std::size_t colon = authority_and_path.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(url);

  std::string redacted(url.substr(0, userinfo_begin + colon + 1));
  redacted += "***";
  redacted += url.substr(userinfo_begin + at);
  return redacted;
}

}  // namespace frontdesk::observability
