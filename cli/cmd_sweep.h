// cmd_sweep.h: `orgsim sweep` (a plan, or one shard of it) and `orgsim merge` (shards into one result).
#pragma once

#include <string>
#include <vector>

/// `orgsim sweep plan.json [--shard I|auto --of N] [--out FILE] [--threads N]`: run the plan's tasks
/// (all, or shard I of N: tasks I, I + N, ...) and write a shard file. --shard auto reads I from
/// SLURM_ARRAY_TASK_ID (less SLURM_ARRAY_TASK_MIN) or JOB_COMPLETION_INDEX, and N from --of or
/// SLURM_ARRAY_TASK_COUNT. Returns 0, 1 (bad plan, cannot write) or 2 (bad command line).
int CmdSweep(const std::vector<std::string>& args);
/// `orgsim merge SHARD... [--out FILE]`: check and merge shard files; 1 with the reasons (missing task
/// indexes, another plan or model, differing duplicates) when they do not make a whole.
int CmdMerge(const std::vector<std::string>& args);
