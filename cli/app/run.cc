#include <algorithm>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "app/command.h"

namespace frontdesk::cli {
namespace {

constexpr char kDefaultServer[] = "127.0.0.1:50051";

const std::vector<FlagSpec>& GlobalFlags() {
  static const auto* flags = new std::vector<FlagSpec>{
      {"server", "HOST:PORT",
       absl::StrCat("the frontdeskd gRPC address (default ", kDefaultServer,
                    ", or $FRONTDESK_SERVER)")},
      {"actor", "NAME", "who you are, recorded in the audit history (default $USER)"}};
  return *flags;
}

void PrintFlags(const std::vector<FlagSpec>& flags, std::ostream& out) {
  for (const FlagSpec& flag : flags) {
    std::string left = absl::StrCat("  --", flag.name);
    if (!flag.value_name.empty()) absl::StrAppend(&left, " ", flag.value_name);
    out << left << std::string(left.size() < 26 ? 26 - left.size() : 1, ' ') << flag.help << "\n";
  }
}

void PrintUsage(std::ostream& out) {
  out << "Usage: frontdesk [--server HOST:PORT] [--actor NAME] <command> [arguments]\n\n"
         "The command-line client of the Frontdesk service desk.\n\nCommands:\n";
  for (const Command& command : AllCommands()) {
    out << "  " << command.name << std::string(10 - command.name.size(), ' ') << command.summary
        << "\n";
  }
  out << "\nGlobal flags:\n";
  PrintFlags(GlobalFlags(), out);
  out << "\n'frontdesk <command> --help' describes a command. Exit codes: 0 success, 1 the server\n"
         "refused, 2 bad usage, 3 unreadable input file, 4 server unreachable, 5 import with\n"
         "rejected records.\n";
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "Usage: frontdesk [global flags] " << command.name;
  if (!command.arguments.empty()) out << " " << command.arguments;
  if (!command.flags.empty()) out << " [flags]";
  out << "\n\n" << command.summary << "\n";
  if (!command.details.empty()) out << "\n" << command.details << "\n";
  if (!command.flags.empty()) {
    out << "\nFlags:\n";
    PrintFlags(command.flags, out);
  }
}

const Command* FindCommand(const std::string& name) {
  const auto& commands = AllCommands();
  const auto it = std::find_if(commands.begin(), commands.end(),
                               [&](const Command& command) { return command.name == name; });
  return it == commands.end() ? nullptr : &*it;
}

// Splits the global flags off the front: everything before the command name.
size_t CommandPosition(const std::vector<std::string>& args) {
  size_t i = 0;
  while (i < args.size() && args[i].rfind("-", 0) == 0) {
    const bool separate_value = args[i] == "--server" || args[i] == "--actor";
    i += separate_value ? 2 : 1;
  }
  return i;
}

std::string DefaultFromEnvironment(const char* variable, const std::string& fallback) {
  const char* value = std::getenv(variable);
  return value != nullptr && *value != '\0' ? value : fallback;
}

int RunCommand(const Command& command, const std::vector<std::string>& rest,
               const ParsedArgs& global, std::ostream& out, std::ostream& err,
               bool err_is_terminal) {
  auto parsed = ParseArgs(rest, command.flags);
  if (!parsed.ok()) {
    err << "frontdesk " << command.name << ": " << parsed.status().message() << "\nRun 'frontdesk "
        << command.name << " --help' for usage.\n";
    return kExitUsage;
  }
  if (parsed->help) {
    PrintCommandHelp(command, out);
    return kExitOk;
  }
  const size_t count = parsed->positional.size();
  if (count < command.min_positional || count > command.max_positional) {
    err << "frontdesk " << command.name << ": expected " << command.arguments << "\n";
    PrintCommandHelp(command, err);
    return kExitUsage;
  }
  const std::string server =
      global.Get("server", DefaultFromEnvironment("FRONTDESK_SERVER", kDefaultServer));
  CommandContext context{grpc::CreateChannel(server, grpc::InsecureChannelCredentials()),
                         global.Get("actor", DefaultFromEnvironment("USER", "")), out, err,
                         err_is_terminal};
  return command.run(*parsed, context);
}

}  // namespace

int RunFrontdesk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal) {
  const size_t position = CommandPosition(args);
  auto global =
      ParseArgs({args.begin(), args.begin() + std::min(position, args.size())}, GlobalFlags());
  if (!global.ok()) {
    err << "frontdesk: " << global.status().message() << "\n";
    PrintUsage(err);
    return kExitUsage;
  }
  if (global->help || position >= args.size() || args[position] == "help") {
    PrintUsage(global->help || position < args.size() ? out : err);
    return global->help || position < args.size() ? kExitOk : kExitUsage;
  }
  const Command* command = FindCommand(args[position]);
  if (command == nullptr) {
    err << "frontdesk: unknown command '" << args[position] << "'\n";
    PrintUsage(err);
    return kExitUsage;
  }
  return RunCommand(*command, {args.begin() + position + 1, args.end()}, *global, out, err,
                    err_is_terminal);
}

}  // namespace frontdesk::cli
