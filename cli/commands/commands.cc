#include "commands/commands.h"

namespace frontdesk::cli {

const std::vector<Command>& AllCommands() {
  static const auto* commands =
      new std::vector<Command>{CreateCommand(),  GetCommand(),    ListCommand(),
                               HistoryCommand(), ReportCommand(), ImportCommand()};
  return *commands;
}

}  // namespace frontdesk::cli
