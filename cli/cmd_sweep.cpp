// cmd_sweep.cpp: sweeps that shard across machines (Slurm arrays, Kubernetes Indexed Jobs, GNU
// parallel) and their merge; docs/scale-out.md shows the runners.
#include "cli/cmd_sweep.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "cli/cli_util.h"
#include "cli/parallel.h"
#include "sim/sweep.h"

namespace {

using namespace orgsim;

const char* kSweepUsage =
    "usage: orgsim sweep plan.json [--shard I|auto --of N] [--out FILE] [--threads N]\n"
    "       orgsim merge SHARD... [--out FILE]\n"
    "  A plan: {\"format\": \"orgsim-sweep/1\", \"scenario\": \"default.json\" (relative to the plan) or a\n"
    "  scenario object, \"levers\": {\"shared_kpis\": [false, true], \"security_share_of_it\": [0.05, 0.1]}\n"
    "  (a grid) or \"design\": [{...}, ...] (explicit cells), \"replications\": 50, \"weeks\": 260,\n"
    "  \"outcomes\": [\"time_to_market\", ...]}. Task t = cell x replications + replication; shard I of N\n"
    "  runs tasks I, I + N, I + 2N, ... --shard auto takes I from SLURM_ARRAY_TASK_ID (less\n"
    "  SLURM_ARRAY_TASK_MIN) or JOB_COMPLETION_INDEX, and N from --of or SLURM_ARRAY_TASK_COUNT.\n"
    "  merge checks that every shard has the same plan and model, that no task is missing (it lists\n"
    "  them) and that duplicates agree, and writes the rows in task order: the same bytes for any N.\n";

bool Env(const char* name, long long& out) {
    const char* v = std::getenv(name);
    return v && *v && orgsim::cli::ParseInt(v, -1000000000LL, 1000000000LL, out);
}

std::string Dir(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

}  // namespace

int CmdSweep(const std::vector<std::string>& args) {
    using orgsim::cli::ParseInt;
    std::string path, out_path, shard_arg;
    long long of = -1, threads = orgsim::cli::DefaultThreads();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto need = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
        if (a == "--help" || a == "-h") {
            std::cout << kSweepUsage;
            return 0;
        } else if (a == "--shard") {
            const std::string* s = need();
            if (!s) return std::cerr << "orgsim sweep: --shard needs an index or auto\n", 2;
            shard_arg = *s;
        } else if (a == "--of") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 1, 1000000, of)) return std::cerr << "orgsim sweep: --of must be 1 to 1000000\n", 2;
        } else if (a == "--out") {
            const std::string* s = need();
            if (!s) return std::cerr << "orgsim sweep: --out needs a file name\n", 2;
            out_path = *s;
        } else if (a == "--threads") {
            const std::string* s = need();
            if (!s || !ParseInt(*s, 1, 256, threads)) return std::cerr << "orgsim sweep: --threads must be 1 to 256\n", 2;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim sweep: unknown option " << a << "\n" << kSweepUsage;
            return 2;
        } else if (path.empty()) {
            path = a;
        } else {
            return std::cerr << "orgsim sweep: more than one plan given\n", 2;
        }
    }
    if (path.empty()) return std::cerr << kSweepUsage, 2;
    long long shard = 0;
    if (shard_arg == "auto") {
        long long id = 0, min = 0, count = 0;
        if (Env("SLURM_ARRAY_TASK_ID", id)) {
            if (Env("SLURM_ARRAY_TASK_MIN", min)) id -= min;
            if (of < 0 && Env("SLURM_ARRAY_TASK_COUNT", count)) of = count;
        } else if (!Env("JOB_COMPLETION_INDEX", id)) {
            return std::cerr << "orgsim sweep: --shard auto: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set\n", 2;
        }
        shard = id;
    } else if (!shard_arg.empty()) {
        if (!ParseInt(shard_arg, 0, 999999, shard)) return std::cerr << "orgsim sweep: --shard must be a whole number or auto\n", 2;
    }
    if (!shard_arg.empty() && of < 0) return std::cerr << "orgsim sweep: --shard needs --of N (the number of shards)\n", 2;
    if (of < 0) of = 1;
    if (shard >= of || shard < 0)
        return std::cerr << "orgsim sweep: shard " << shard << " is outside 0.." << of - 1 << " (--of " << of << ")\n", 2;

    std::string text, err;
    if (!orgsim::cli::ReadFile(path, text, err)) return std::cerr << "orgsim sweep: " << err << "\n", 1;
    const std::string base_dir = Dir(path);
    const SweepPlanResult r = ReadSweepPlan(text, [&](const std::string& p, std::string& t, std::string& e) {
        return orgsim::cli::ReadFile(!p.empty() && p[0] == '/' ? p : base_dir + p, t, e);
    });
    if (!r.plan) {
        std::cerr << path << ": " << r.problems.size() << " problem" << (r.problems.size() == 1 ? "" : "s") << ":\n";
        for (const auto& p : r.problems) std::cerr << "  " << p.where << ": " << p.message << "\n";
        return 1;
    }
    const SweepPlan& plan = *r.plan;
    const std::vector<int> tasks = ShardTasks(plan, static_cast<int>(shard), static_cast<int>(of));
    std::vector<std::string> rows(tasks.size());
    orgsim::cli::ThreadFor(static_cast<int>(threads), static_cast<int>(tasks.size()),
                           [&](int i) { rows[static_cast<std::size_t>(i)] = RunSweepTask(plan, tasks[static_cast<std::size_t>(i)]); });
    std::string out = ShardPreamble(plan, static_cast<int>(shard), static_cast<int>(of));
    for (const auto& row : rows) out += row;
    if (out_path.empty()) {
        std::cout << out;
    } else {
        std::ofstream f(out_path, std::ios::binary);
        f << out;
        if (!f) return std::cerr << "orgsim sweep: cannot write " << out_path << "\n", 1;
        std::cerr << "orgsim sweep: shard " << shard << " of " << of << ": " << tasks.size() << " of " << plan.Tasks() << " tasks ("
                  << plan.cells.size() << " cells x " << plan.replications << " replications) -> " << out_path << "\n";
    }
    return 0;
}

int CmdMerge(const std::vector<std::string>& args) {
    std::string out_path;
    std::vector<std::pair<std::string, std::string>> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--out") {
            if (i + 1 >= args.size()) return std::cerr << "orgsim merge: --out needs a file name\n", 2;
            out_path = args[++i];
        } else if (a == "--help" || a == "-h") {
            std::cout << kSweepUsage;
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            std::cerr << "orgsim merge: unknown option " << a << "\n" << kSweepUsage;
            return 2;
        } else {
            std::string text, err;
            if (!orgsim::cli::ReadFile(a, text, err)) return std::cerr << "orgsim merge: " << err << "\n", 1;
            files.emplace_back(a, std::move(text));
        }
    }
    if (files.empty()) return std::cerr << "orgsim merge: give the shard files\n" << kSweepUsage, 2;
    const MergeResult m = MergeShards(files);
    if (!m.ok) {
        for (const auto& e : m.errors) std::cerr << "orgsim merge: " << e << "\n";
        return 1;
    }
    if (out_path.empty()) {
        std::cout << m.merged;
    } else {
        std::ofstream f(out_path, std::ios::binary);
        f << m.merged;
        if (!f) return std::cerr << "orgsim merge: cannot write " << out_path << "\n", 1;
        std::cerr << "orgsim merge: " << files.size() << " shard files, " << m.duplicates << " duplicate rows dropped -> " << out_path << "\n";
    }
    return 0;
}
