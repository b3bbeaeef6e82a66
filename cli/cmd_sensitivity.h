// cmd_sensitivity.h: `orgsim sensitivity`, which levers matter most (tornado and Morris).
#pragma once

#include <string>
#include <vector>

/// `orgsim sensitivity <scenario.json> [--levers a,b,...] [--outcome KEY]... [--stage tornado|morris|both]
/// [--replications N] [--trajectories R] [--levels P] [--weeks W] [--seed S] [--threads N] [--csv PREFIX]`.
/// Prints the tornado and the Morris table per outcome; --csv writes PREFIX_problem.txt,
/// PREFIX_design.csv, PREFIX_morris.csv (SALib's layouts) and PREFIX_tornado.csv. Returns 0, 1 (bad
/// scenario file, cannot write) or 2 (bad command line).
int CmdSensitivity(const std::vector<std::string>& args);
