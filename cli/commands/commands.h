#pragma once

#include "app/command.h"

namespace frontdesk::cli {

// Each returns the definition of one subcommand; see its --help.
Command CreateCommand();
Command GetCommand();
Command ListCommand();
Command HistoryCommand();
Command ReportCommand();
Command ImportCommand();

}  // namespace frontdesk::cli
