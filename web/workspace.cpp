// workspace.cpp: working scenarios, validated edits with undo/redo, and runs (see workspace.h).
#include "web/workspace.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace orgsim::ui {

namespace {

std::string JoinProblems(const std::vector<Problem>& problems) {
    std::string out;
    for (std::size_t i = 0; i < problems.size() && i < 3; ++i) {
        if (!out.empty()) out += "; ";
        out += problems[i].message;
    }
    if (problems.size() > 3) out += " (and " + std::to_string(problems.size() - 3) + " more)";
    return out;
}

const char* UnitName(const Scenario& s, const std::string& id) {
    const int i = s.FindUnit(id);
    return i < 0 ? id.c_str() : s.units[static_cast<std::size_t>(i)].name.c_str();
}

// A unit id not yet used: base, base_2, base_3, ...
std::string FreeId(const Scenario& s, const std::string& base) {
    if (s.FindUnit(base) < 0) return base;
    for (int k = 2;; ++k) {
        const std::string id = base + "_" + std::to_string(k);
        if (s.FindUnit(id) < 0) return id;
    }
}

}  // namespace

//-----------------------------------------------------------------------------------------------
// Workspace: slots
//-----------------------------------------------------------------------------------------------
void Workspace::SetActive(int i) {
    if (i >= 0 && i < SlotCount()) active_ = i;
}

std::string Workspace::SlotLabel(int i) {
    if (i == 0) return "Baseline";
    return std::string("Alternative ") + static_cast<char>('A' + i);
}

EditResult Workspace::OpenText(const std::string& json_text, const std::string& origin, bool as_alternative,
                               std::vector<Problem>* problems) {
    ReadResult r = ReadScenario(json_text);
    if (problems) *problems = r.problems;
    if (!r.ok()) {
        const std::string what = r.problems.size() == 1 ? "1 problem" : std::to_string(r.problems.size()) + " problems";
        return EditResult::Refused(origin + " was not opened (" + what + "): " + JoinProblems(r.problems));
    }
    return as_alternative ? AddAlternative(*r.scenario, origin) : SetBaseline(*r.scenario, origin);
}

EditResult Workspace::SetBaseline(const Scenario& s, const std::string& origin) {
    const auto problems = ValidateScenario(s);
    if (!problems.empty()) return EditResult::Refused(JoinProblems(problems));
    Slot slot;
    slot.scenario = s;
    slot.origin = origin;
    if (slots_.empty())
        slots_.push_back(std::move(slot));
    else
        slots_[0] = std::move(slot);
    active_ = 0;
    ++revision_;
    return EditResult::Ok();
}

EditResult Workspace::AddAlternative(const Scenario& s, const std::string& origin) {
    if (slots_.empty()) return SetBaseline(s, origin);
    if (SlotCount() >= kMaxSlots)
        return EditResult::Refused("Four scenarios are open already; close an alternative first.");
    const auto problems = ValidateScenario(s);
    if (!problems.empty()) return EditResult::Refused(JoinProblems(problems));
    Slot slot;
    slot.scenario = s;
    slot.origin = origin;
    slots_.push_back(std::move(slot));
    active_ = SlotCount() - 1;
    ++revision_;
    return EditResult::Ok();
}

EditResult Workspace::DuplicateActive() {
    if (slots_.empty()) return EditResult::Refused("Nothing is open to copy.");
    Scenario copy = ActiveScenario();
    // The name stays within the 200 bytes ReadScenario accepts (else the copy could not be saved,
    // shared or edited), cut between UTF-8 characters.
    constexpr std::size_t kMaxName = 200, kSuffix = 7;  // " (copy)"
    std::size_t keep = std::min(copy.name.size(), kMaxName - kSuffix);
    while (keep > 0 && keep < copy.name.size() && (static_cast<unsigned char>(copy.name[keep]) & 0xC0) == 0x80) --keep;
    copy.name = copy.name.substr(0, keep) + " (copy)";
    return AddAlternative(copy, GetSlot(active_).origin);
}

EditResult Workspace::RemoveSlot(int i) {
    if (i <= 0 || i >= SlotCount()) return EditResult::Refused("The baseline cannot be closed; open another scenario as the baseline instead.");
    slots_.erase(slots_.begin() + i);
    if (active_ >= SlotCount()) active_ = SlotCount() - 1;
    else if (active_ > i) --active_;
    else if (active_ == i) active_ = i - 1;
    ++revision_;
    return EditResult::Ok();
}

//-----------------------------------------------------------------------------------------------
// Workspace: edits
//-----------------------------------------------------------------------------------------------
EditResult Workspace::Edit(const std::string& label, const std::function<void(Scenario&)>& change) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    Scenario next = ActiveScenario();
    change(next);
    if (next == ActiveScenario()) return EditResult::Ok();  // nothing changed: no history entry
    const auto problems = ValidateScenario(next);
    if (!problems.empty()) return EditResult::Refused(JoinProblems(problems));
    // The scenario must survive the file format too (what is saved is what is simulated).
    const ReadResult round = ReadScenario(WriteScenario(next));
    if (!round.ok()) return EditResult::Refused(JoinProblems(round.problems));
    Commit(label, *round.scenario);
    return EditResult::Ok();
}

void Workspace::Commit(const std::string& label, Scenario next) {
    Slot& slot = slots_[static_cast<std::size_t>(active_)];
    slot.undo.push_back({label, WriteScenario(slot.scenario)});
    if (static_cast<int>(slot.undo.size()) > kUndoDepth) slot.undo.erase(slot.undo.begin());
    slot.redo.clear();
    slot.scenario = std::move(next);
    ++revision_;
}

EditResult Workspace::Reparent(const std::string& unit_id, const std::string& new_parent) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const Scenario& s = ActiveScenario();
    const int u = s.FindUnit(unit_id);
    if (u < 0) return EditResult::Refused("There is no unit '" + unit_id + "'.");
    if (s.FindUnit(new_parent) < 0) return EditResult::Refused("There is no unit '" + new_parent + "'.");
    if (unit_id == new_parent) return EditResult::Refused(std::string(UnitName(s, unit_id)) + " cannot report to itself.");
    // A unit cannot move under one of its own descendants (the chart would become a cycle).
    for (std::string p = new_parent; !p.empty();) {
        if (p == unit_id)
            return EditResult::Refused(std::string(UnitName(s, unit_id)) + " cannot report to " + UnitName(s, new_parent) +
                                       ", which reports to it: that would be a reporting cycle.");
        const int pi = s.FindUnit(p);
        if (pi < 0) break;
        p = s.units[static_cast<std::size_t>(pi)].parent;
    }
    const std::string label = std::string("Moved ") + UnitName(s, unit_id) + " under " + UnitName(s, new_parent);
    return Edit(label, [&](Scenario& x) {
        Unit& unit = x.units[static_cast<std::size_t>(u)];
        unit.parent = new_parent;
        unit.dotted.erase(std::remove(unit.dotted.begin(), unit.dotted.end(), new_parent), unit.dotted.end());
    });
}

EditResult Workspace::ToggleDotted(const std::string& unit_id, const std::string& parent) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const Scenario& s = ActiveScenario();
    const int u = s.FindUnit(unit_id);
    if (u < 0 || s.FindUnit(parent) < 0) return EditResult::Refused("There is no such unit.");
    if (unit_id == parent) return EditResult::Refused("A unit cannot have a dotted line to itself.");
    const auto& dotted = s.units[static_cast<std::size_t>(u)].dotted;
    const bool has = std::find(dotted.begin(), dotted.end(), parent) != dotted.end();
    const std::string label = std::string(has ? "Removed" : "Added") + " dotted line " + UnitName(s, unit_id) + " \xE2\x86\x92 " +
                              UnitName(s, parent);
    return Edit(label, [&](Scenario& x) {
        auto& d = x.units[static_cast<std::size_t>(u)].dotted;
        if (has)
            d.erase(std::remove(d.begin(), d.end(), parent), d.end());
        else
            d.push_back(parent);
    });
}

EditResult Workspace::AddHeadUnit(Role role, const std::string& parent) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const Scenario& s = ActiveScenario();
    if (role != Role::Cdo && role != Role::Cmt && role != Role::Ciso)
        return EditResult::Refused("Only a CDO, a CMT or a CISO can be added.");
    if (s.UnitOf(role) >= 0) return EditResult::Refused(std::string("There is already a ") + RoleKey(role) + ".");
    std::string at = parent;
    if (at.empty()) {
        // Default parents: a CDO and a CISO report to the CEO; a CMT sits in marketing.
        const Role boss = role == Role::Cmt ? Role::Cmo : Role::Ceo;
        const int b = s.UnitOf(boss) >= 0 ? s.UnitOf(boss) : s.UnitOf(Role::Ceo);
        if (b >= 0) at = s.units[static_cast<std::size_t>(b)].id;
        else
            for (const Unit& x : s.units)
                if (x.parent.empty()) at = x.id;
    }
    if (s.FindUnit(at) < 0) return EditResult::Refused("There is no unit '" + at + "' to add it under.");
    Unit unit;
    // Sizes for a ~500-person company (assumption, as in the presets: a small digital office, a
    // martech team of six with a dotted line to IT, a security office of four).
    switch (role) {
        case Role::Cdo:
            unit = {FreeId(s, "digital"), "Digital office", Function::Digital, Role::Cdo, at, {}, 4, 1.2};
            break;
        case Role::Cmt: {
            unit = {FreeId(s, "martech"), "Marketing technology", Function::Martech, Role::Cmt, at, {}, 6, 1.0};
            const int it = s.UnitOf(Role::Cio);
            if (it >= 0) unit.dotted.push_back(s.units[static_cast<std::size_t>(it)].id);
            break;
        }
        default:
            unit = {FreeId(s, "security_office"), "Security office", Function::Security, Role::Ciso, at, {}, 4, 0.8};
            break;
    }
    const std::string label = std::string("Added a ") + RoleKey(role) + " under " + UnitName(s, at);
    return Edit(label, [&](Scenario& x) { x.units.push_back(unit); });
}

EditResult Workspace::RemoveUnit(const std::string& unit_id) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const Scenario& s = ActiveScenario();
    const int u = s.FindUnit(unit_id);
    if (u < 0) return EditResult::Refused("There is no unit '" + unit_id + "'.");
    const Unit& unit = s.units[static_cast<std::size_t>(u)];
    if (unit.parent.empty()) return EditResult::Refused(unit.name + " is the top of the chart and cannot be removed.");
    const std::string up = unit.parent;
    const std::string label = "Removed " + unit.name;
    return Edit(label, [&](Scenario& x) {
        for (Unit& c : x.units) {
            if (c.parent == unit_id) c.parent = up;
            c.dotted.erase(std::remove(c.dotted.begin(), c.dotted.end(), unit_id), c.dotted.end());
        }
        x.units.erase(x.units.begin() + u);
    });
}

EditResult Workspace::SetHeadcount(const std::string& unit_id, int headcount) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const int u = ActiveScenario().FindUnit(unit_id);
    if (u < 0) return EditResult::Refused("There is no unit '" + unit_id + "'.");
    if (headcount < 0 || headcount > kMaxUnitHeadcount)
        return EditResult::Refused("Headcount must be between 0 and " + std::to_string(kMaxUnitHeadcount) + ".");
    const std::string label = "Set headcount of " + ActiveScenario().units[static_cast<std::size_t>(u)].name + " to " +
                              std::to_string(headcount);
    return Edit(label, [&](Scenario& x) { x.units[static_cast<std::size_t>(u)].headcount = headcount; });
}

EditResult Workspace::SetBudget(const std::string& unit_id, double budget_musd) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const int u = ActiveScenario().FindUnit(unit_id);
    if (u < 0) return EditResult::Refused("There is no unit '" + unit_id + "'.");
    if (!(budget_musd >= 0.0 && budget_musd <= kMaxUnitBudgetMusd))
        return EditResult::Refused("Budget must be between 0 and 100,000 million USD a year.");
    const std::string label = "Set budget of " + ActiveScenario().units[static_cast<std::size_t>(u)].name;
    return Edit(label, [&](Scenario& x) { x.units[static_cast<std::size_t>(u)].budget_musd = budget_musd; });
}

EditResult Workspace::SetParam(ParamId id, double value) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    const ParamInfo& info = Info(id);
    Params probe = ActiveScenario().params;
    const std::string error = probe.Set(id, value);
    if (!error.empty()) return EditResult::Refused(std::string(info.label) + ": " + error);
    const std::string label = std::string("Set ") + info.label + " to " + FormatValue(id, value);
    return Edit(label, [&](Scenario& x) { x.params.Set(id, value); });
}

EditResult Workspace::SetRunSettings(std::uint64_t seed, int horizon_weeks, int replications) {
    if (slots_.empty()) return EditResult::Refused("Open a scenario first.");
    if (horizon_weeks < 1 || horizon_weeks > kMaxHorizonWeeks)
        return EditResult::Refused("The horizon must be between 1 and " + std::to_string(kMaxHorizonWeeks) + " weeks.");
    if (replications < 1 || replications > kMaxReplications)
        return EditResult::Refused("Replications must be between 1 and " + std::to_string(kMaxReplications) + ".");
    const int keep = active_;
    for (int i = 0; i < SlotCount(); ++i) {
        active_ = i;
        const EditResult r = Edit("Changed the run settings", [&](Scenario& x) {
            x.seed = seed;
            x.horizon_weeks = horizon_weeks;
            x.replications = replications;
        });
        if (!r.ok) {
            active_ = keep;
            return r;
        }
    }
    active_ = keep;
    return EditResult::Ok();
}

std::string Workspace::UndoLabel() const { return CanUndo() ? GetSlot(active_).undo.back().label : std::string(); }
std::string Workspace::RedoLabel() const { return CanRedo() ? GetSlot(active_).redo.back().label : std::string(); }

bool Workspace::Undo() {
    if (!CanUndo()) return false;
    Slot& slot = slots_[static_cast<std::size_t>(active_)];
    ReadResult r = ReadScenario(slot.undo.back().text);
    if (!r.ok()) return false;  // cannot happen: only valid scenarios are stored
    slot.redo.push_back({slot.undo.back().label, WriteScenario(slot.scenario)});
    slot.undo.pop_back();
    slot.scenario = std::move(*r.scenario);
    ++revision_;
    return true;
}

bool Workspace::Redo() {
    if (!CanRedo()) return false;
    Slot& slot = slots_[static_cast<std::size_t>(active_)];
    ReadResult r = ReadScenario(slot.redo.back().text);
    if (!r.ok()) return false;
    slot.undo.push_back({slot.redo.back().label, WriteScenario(slot.scenario)});
    slot.redo.pop_back();
    slot.scenario = std::move(*r.scenario);
    ++revision_;
    return true;
}

//-----------------------------------------------------------------------------------------------
// Runner
//-----------------------------------------------------------------------------------------------
void Runner::ResetLive(const Workspace& ws) {
    live_.clear();
    for (int i = 0; i < ws.SlotCount(); ++i) live_.push_back(std::make_unique<World>(ws.GetScenario(i), 0));
    live_revision_ = ws.Revision();
}

int Runner::StepLive(int weeks) {
    int stepped = 0;
    for (auto& w : live_) stepped = std::max(stepped, w->StepWeeks(weeks));
    return stepped;
}

const World* Runner::Live(int slot) const {
    return slot >= 0 && slot < LiveCount() ? live_[static_cast<std::size_t>(slot)].get() : nullptr;
}

int Runner::LiveWeek() const { return live_.empty() ? 0 : live_[0]->Week(); }

bool Runner::LiveDone() const {
    return std::all_of(live_.begin(), live_.end(), [](const auto& w) { return w->Done(); });
}

void Runner::Start(const Workspace& ws) {
    if (pool_ && (pooled_ || analysis_generation_ != 0)) pool_->Cancel();
    if (!analysis_.empty() && AnalysisRunning()) analysis_cancelled_ = true;  // made from the old documents
    analysis_generation_ = 0;
    ++generation_;
    experiment_.reset();
    results_revision_ = 0;
    cancelled_ = false;
    pooled_ = false;
    pool_problem_.clear();
    pool_employee_weeks_ = 0.0;
    throughput_ = 0.0;
    started_ = std::chrono::steady_clock::now();
    if (ws.Empty()) return;
    std::vector<Scenario> scenarios;
    for (int i = 0; i < ws.SlotCount(); ++i) scenarios.push_back(ws.GetScenario(i));
    const Scenario& base = scenarios[0];
    for (Scenario& s : scenarios) s.seed = base.seed;
    experiment_ = std::make_unique<Experiment>(std::move(scenarios), base.replications, base.horizon_weeks, true);
    results_revision_ = ws.Revision();
    if (pool_ && pool_->Workers() > 0 && experiment_->TaskCount() > 0) pooled_ = pool_->Start(generation_, *experiment_);
}

void Runner::Cancel() {
    cancelled_ = true;
    if (pooled_ && pool_) pool_->Cancel();
}

// ---- Analyses ----------------------------------------------------------------------------------

void Runner::StartAnalysis(const std::string& owner, std::vector<AnalysisBatch> batches, std::uint64_t revision) {
    CancelAnalysis();
    analysis_.clear();
    analysis_owner_ = owner;
    analysis_revision_ = revision;
    analysis_cancelled_ = false;
    analysis_batch_ = 0;
    for (AnalysisBatch& b : batches) {
        if (b.scenarios.empty()) continue;
        auto e = std::make_unique<Experiment>(std::move(b.scenarios), b.replications, b.weeks, false, b.first_replication);
        e->SetOverrides(std::move(b.overrides));  // a wrong count leaves none: Absorb then refuses the result
        e->SetCheckpointEvery(b.checkpoint_every);
        analysis_.push_back(std::move(e));
    }
    PumpAnalysis();
}

void Runner::CancelAnalysis() {
    if (analysis_generation_ != 0 && pool_) pool_->Cancel();
    analysis_generation_ = 0;
    if (!analysis_.empty() && AnalysisRunning()) analysis_cancelled_ = true;
}

bool Runner::AnalysisRunning() const {
    if (analysis_cancelled_) return false;
    for (const auto& e : analysis_)
        if (!e->Done()) return true;
    return false;
}

double Runner::AnalysisProgress() const {
    double done = 0.0, all = 0.0;
    for (const auto& e : analysis_) {
        const double n = static_cast<double>(e->TaskCount());
        done += e->Progress() * n;
        all += n;
    }
    return all > 0.0 ? done / all : 1.0;
}

Experiment* Runner::CurrentAnalysis() {
    if (analysis_cancelled_ || Running()) return nullptr;  // the replications come first
    while (analysis_batch_ < analysis_.size() && analysis_[analysis_batch_]->Done()) {
        ++analysis_batch_;
        analysis_generation_ = 0;
    }
    return analysis_batch_ < analysis_.size() ? analysis_[analysis_batch_].get() : nullptr;
}

void Runner::PumpAnalysis() {
    Experiment* e = CurrentAnalysis();
    if (!e || analysis_generation_ != 0 || !pool_ || pool_->Workers() <= 0 || !pool_problem_.empty()) return;
    ++generation_;  // a new pool run: what still arrives for the replications' run is dropped
    if (pool_->Start(generation_, *e)) analysis_generation_ = generation_;
}

bool Runner::SliceAnalysis(double budget_ms) {
    Experiment* e = CurrentAnalysis();
    if (!e) return AnalysisRunning();
    if (analysis_generation_ != 0) return true;  // on the pool
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const int completed0 = e->Completed();
    while (e->RunSlice(slice_weeks_))
        if (std::chrono::duration<double, std::milli>(Clock::now() - t0).count() >= budget_ms * 0.8) break;
    if (e->Completed() != completed0) ++results_changes_;
    return AnalysisRunning();
}

double Runner::TaskEmployeeWeeks(int task) const {
    const int n = std::max(1, experiment_->ScenarioCount());
    return static_cast<double>(experiment_->GetScenario(task % n).TotalHeadcount()) * static_cast<double>(experiment_->Weeks());
}

void Runner::DrainPool() {
    inbox_.clear();
    pool_->Drain(inbox_);
    bool merged = false;
    for (PoolEvent& ev : inbox_) {
        if (analysis_generation_ != 0 && ev.generation == analysis_generation_) {
            Experiment* e = CurrentAnalysis();
            if (!e) continue;
            if (ev.failed) {  // the pool gave up: this thread finishes the analysis in slices
                pool_problem_ = ev.message;
                pool_->Cancel();
                analysis_generation_ = 0;
                continue;
            }
            if (!e->Fits(ev.result)) {  // would leave a hole the analysis waits for forever: finish it here instead
                pool_problem_ = "a worker sent a result of the wrong shape";
                pool_->Cancel();
                analysis_generation_ = 0;
                continue;
            }
            if (e->Accept(std::move(ev.result))) {
                ++pool_merged_;
                merged = true;
            }
            continue;
        }
        if (ev.generation != generation_ || !experiment_ || cancelled_) continue;  // an earlier run's
        if (ev.failed) {  // the pool gave up: this thread finishes the run in slices
            pool_problem_ = ev.message;
            if (pooled_) pool_->Cancel();
            pooled_ = false;
            continue;
        }
        const int task = ev.result.task;
        if (!experiment_->Fits(ev.result)) {
            // A result this run cannot use would leave a hole it waits for forever: finish here instead.
            pool_problem_ = "a worker sent a result of the wrong shape";
            if (pooled_) pool_->Cancel();
            pooled_ = false;
            continue;
        }
        if (!experiment_->Accept(std::move(ev.result))) continue;  // a duplicate
        pool_employee_weeks_ += TaskEmployeeWeeks(task);
        ++pool_merged_;
        merged = true;
    }
    if (merged) {
        ++results_changes_;
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        if (secs > 0.0) throughput_ = pool_employee_weeks_ / secs;
    }
}

bool Runner::Slice(double budget_ms) {
    if (pool_) DrainPool();
    if (!Running()) {
        if (pool_) PumpAnalysis();  // the next batch, or the first once the replications are done
        return SliceAnalysis(budget_ms);
    }
    if (pooled_) return true;  // the workers run the replications; this thread only merges
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const int completed0 = experiment_->Completed();
    long done_weeks = 0;
    double elapsed_ms = 0.0;
    bool more = true;
    std::size_t seats = 0;
    for (int i = 0; i < experiment_->ScenarioCount(); ++i)
        seats += static_cast<std::size_t>(experiment_->GetScenario(i).TotalHeadcount());
    seats /= static_cast<std::size_t>(std::max(1, experiment_->ScenarioCount()));
    while (more) {
        more = experiment_->RunSlice(slice_weeks_);
        done_weeks += slice_weeks_;
        elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (elapsed_ms >= budget_ms * 0.8) break;
    }
    if (elapsed_ms > 0.0) throughput_ = static_cast<double>(done_weeks) * static_cast<double>(seats) / (elapsed_ms / 1000.0);
    if (experiment_->Completed() != completed0) ++results_changes_;
    return more;
}

}  // namespace orgsim::ui
