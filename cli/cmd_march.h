// cmd_march.h: `orgsim march`, which runs the March (1991) exploration/exploitation experiments.
#pragma once

#include <string>
#include <vector>

/// `orgsim march <scenario.json> [--replications N] [--seed S] [--csv FILE] [--quiet]`: run the
/// experiment of a scenarios/march/ file and print its published figure as a table. Returns the exit
/// code (0 ok, 1 bad scenario file or unwritable CSV, 2 bad command line).
int CmdMarch(const std::vector<std::string>& args);
