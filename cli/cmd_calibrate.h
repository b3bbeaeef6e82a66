// cmd_calibrate.h: `orgsim calibrate`, which checks the model against the calibration table of MODEL.md.
#pragma once

#include <string>
#include <vector>

/// `orgsim calibrate [scenario.json] [--replications N] [--markdown]`: run N replications (default
/// 200) of a scenario (default scenarios/default.json) and check each calibration target (executive
/// exit hazards, staff turnover, IT and marketing spend, shadow share, breaches, trust, data-driven
/// productivity, time to fill) against its published range. Prints a table (text, or Markdown for
/// docs/calibration.md). Returns the exit code: 0 all targets pass, 1 a target fails or the scenario
/// file is bad, 2 bad command line.
int CmdCalibrate(const std::vector<std::string>& args);
