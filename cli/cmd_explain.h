// cmd_explain.h: `orgsim explain`, "Why?": which of the differences between two scenarios carry
// each outcome's mean paired difference (exact Shapley values over every combination; sim/explain.h).
#pragma once

#include <string>
#include <vector>

/// `orgsim explain A.json B.json [--outcome KEY]... [--replications N] [--weeks N]
/// [--format text|json|csv]`: attribute B - A of each outcome (default: the eight key outcomes;
/// `--outcome all` for every one) to the factors in which B differs from A. Runs 2^k hybrids x N
/// replications (default 100; progress on stderr). Text: per outcome a waterfall (bar, 90% interval,
/// the factor alone), the total, the interaction share and a sentence per large bar; JSON and CSV for
/// machines, on stdout. Returns the exit code: 0 ok, 1 a scenario file is missing or bad, 2 bad
/// command line.
int CmdExplain(const std::vector<std::string>& args);
