#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/args.h"

namespace frontdesk::cli {

// Exit codes of the frontdesk command.
inline constexpr int kExitOk = 0;
// The server answered with an error (NOT_FOUND, INVALID_ARGUMENT, ...).
inline constexpr int kExitServerError = 1;
// The command line is wrong; the usage is printed.
inline constexpr int kExitUsage = 2;
// An input file cannot be read or is not the data set named.
inline constexpr int kExitInput = 3;
// The server cannot be reached or did not answer in time.
inline constexpr int kExitUnavailable = 4;
// An import finished, but the server rejected some records.
inline constexpr int kExitRejected = 5;

// What every command gets: the connection, who the caller is, and where to write.
struct CommandContext {
  std::shared_ptr<grpc::Channel> channel;
  std::string actor;
  std::ostream& out;
  std::ostream& err;
  // True when err is a terminal, so progress can be redrawn in place.
  bool err_is_terminal = false;
};

// One subcommand of the frontdesk client.
struct Command {
  std::string name;
  // The arguments after the name, e.g. "NAME".
  std::string arguments;
  std::string summary;
  // More detail for `--help`: defaults, formats, exit codes.
  std::string details;
  std::vector<FlagSpec> flags;
  size_t min_positional = 0;
  size_t max_positional = 0;
  std::function<int(const ParsedArgs&, CommandContext&)> run;
};

// The commands, in the order help lists them.
const std::vector<Command>& AllCommands();

// Runs the client on argv-style arguments (without the program name); returns the exit code.
int RunFrontdesk(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 bool err_is_terminal);

}  // namespace frontdesk::cli
