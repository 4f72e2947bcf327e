#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace frontdesk::cli {

// A flag a command accepts: `--name VALUE`, `--name=VALUE`, or `--name` alone for a switch.
struct FlagSpec {
  std::string name;
  // The placeholder shown in help, e.g. "N"; empty for a switch.
  std::string value_name;
  std::string help;
};

// A command line split into positional arguments and flag values. Switches have value "true".
struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  bool help = false;

  bool Has(const std::string& name) const { return values.contains(name); }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
};

// Parses `args` against `specs`; `--help` and `-h` set `help`. INVALID_ARGUMENT names an unknown
// flag or a flag missing its value. Parsing stops taking flags after a bare `--`.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs);

// Reads a flag as an integer within [min, max]; INVALID_ARGUMENT names the flag otherwise.
absl::StatusOr<int64_t> IntFlag(const ParsedArgs& args, const std::string& name, int64_t fallback,
                                int64_t min, int64_t max);

}  // namespace frontdesk::cli
