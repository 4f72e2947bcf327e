#include "app/args.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace frontdesk::cli {
namespace {

const FlagSpec* FindSpec(const std::vector<FlagSpec>& specs, const std::string& name) {
  const auto it = std::find_if(specs.begin(), specs.end(),
                               [&](const FlagSpec& spec) { return spec.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

}  // namespace

std::string ParsedArgs::Get(const std::string& name, const std::string& fallback) const {
  const auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs) {
  ParsedArgs parsed;
  bool flags_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_done || arg.size() < 2 || arg[0] != '-') {
      parsed.positional.push_back(arg);
    } else if (arg == "--") {
      flags_done = true;
    } else if (arg == "--help" || arg == "-h") {
      parsed.help = true;
    } else {
      const size_t equals = arg.find('=');
      const std::string name =
          arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
      const FlagSpec* spec = arg.rfind("--", 0) == 0 ? FindSpec(specs, name) : nullptr;
      if (spec == nullptr) return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
      if (spec->value_name.empty()) {
        if (equals != std::string::npos) {
          return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
        }
        parsed.values[name] = "true";
      } else if (equals != std::string::npos) {
        parsed.values[name] = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        parsed.values[name] = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
      }
    }
  }
  return parsed;
}

absl::StatusOr<int64_t> IntFlag(const ParsedArgs& args, const std::string& name, int64_t fallback,
                                int64_t min, int64_t max) {
  if (!args.Has(name)) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(args.Get(name), &value) || value < min || value > max) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " must be a whole number from ", min, " to ", max));
  }
  return value;
}

}  // namespace frontdesk::cli
