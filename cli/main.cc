// frontdesk: the command-line client of frontdeskd.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "app/command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> args(argv + 1, argv + argc);
  return frontdesk::cli::RunFrontdesk(args, std::cout, std::cerr, isatty(STDERR_FILENO) == 1);
}
