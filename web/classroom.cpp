// classroom.cpp: see classroom.h.
#include "web/classroom.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "sim/hash.h"
#include "sim/json_util.h"
#include "sim/rng.h"
#include "sim/stats.h"
#include "sim/sweep.h"
#include "web/persist.h"

namespace orgsim::ui {

using nlohmann::json;

//-----------------------------------------------------------------------------------------------
// [SECTION] Outcomes, questions, lever values
//-----------------------------------------------------------------------------------------------
const std::vector<SeriesId>& ClassOutcomes() {
    static const std::vector<SeriesId> k = {
        SeriesId::OperatingProfit, SeriesId::LaunchedWithin26, SeriesId::TimeToMarket, SeriesId::CustomerExperience,
        SeriesId::Trust,           SeriesId::ShadowShare,      SeriesId::IncidentCost, SeriesId::TurnoverAnnual,
        SeriesId::CmoDepartures,
    };
    return k;
}

bool Question::operator==(const Question& o) const {
    return kind == o.kind && text == o.text && outcome == o.outcome && year == o.year && structure == o.structure &&
           tolerance == o.tolerance;
}

bool Assignment::operator==(const Assignment& o) const {
    return title == o.title && instructions == o.instructions && structures == o.structures && choose_structure == o.choose_structure &&
           unlocked == o.unlocked && questions == o.questions && rounds == o.rounds && replications == o.replications &&
           seed == o.seed && seed_per_student == o.seed_per_student && reflection == o.reflection;
}

namespace {

const SeriesInfo& InfoOf(SeriesId id) { return SeriesTable()[static_cast<std::size_t>(id)]; }

std::optional<SeriesId> SeriesFromKey(const std::string& key) {
    for (const SeriesInfo& s : SeriesTable())
        if (key == s.key) return s.id;
    return std::nullopt;
}

bool IsClassOutcome(SeriesId id) {
    const auto& k = ClassOutcomes();
    return std::find(k.begin(), k.end(), id) != k.end();
}

std::size_t OutcomeIndex(SeriesId id) {
    const auto& k = ClassOutcomes();
    return static_cast<std::size_t>(std::find(k.begin(), k.end(), id) - k.begin());
}

/// Decimals a lever's value keeps in a class: the app's slider precision.
int LeverDecimals(const ParamInfo& info) { return DisplayDecimals(info); }

/// The lever's value as the integer a code stores (value * 10^decimals).
long long LeverInteger(ParamId id, double v) {
    const int d = LeverDecimals(Info(id));
    return std::llround(v * std::pow(10.0, d));
}

/// The value an integer of LeverInteger stands for: the decimal text read back, as the slider does.
double LeverFromInteger(ParamId id, long long n) {
    const int d = LeverDecimals(Info(id));
    if (d == 0) return static_cast<double>(n);
    const bool neg = n < 0;
    std::string digits = std::to_string(neg ? -n : n);
    if (digits.size() <= static_cast<std::size_t>(d)) digits.insert(0, static_cast<std::size_t>(d) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(d), ".");
    return std::strtod(((neg ? "-" : "") + digits).c_str(), nullptr);
}

std::string Years(int n) { return std::to_string(n) + (n == 1 ? " year" : " years"); }

}  // namespace

double ClassLeverValue(ParamId id, double v) {
    const ParamInfo& info = Info(id);
    const double x = LeverFromInteger(id, LeverInteger(id, v));
    return std::clamp(x, info.min, info.max);
}

std::string QuestionText(const Assignment& a, const Question& q) {
    if (!q.text.empty()) return q.text;
    const SeriesInfo& s = InfoOf(q.outcome);
    std::string label = s.label;
    // "Time to market" -> "time to market"; an acronym ("IT-marketing trust") keeps its capitals.
    if (label.size() > 1 && !std::isupper(static_cast<unsigned char>(label[1])))
        label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    if (q.kind == QuestionKind::Choice)
        return std::string("Which structure will have the ") + (s.higher_is_better ? "higher " : "lower ") + label + " after " +
               Years(q.year) + "?";
    const std::string where = q.structure >= 0 && q.structure < static_cast<int>(a.structures.size())
                                  ? a.structures[static_cast<std::size_t>(q.structure)].name
                                  : std::string("the structure");
    return "What will the " + label + " be after " + Years(q.year) + " in \u201c" + where + "\u201d (" + s.unit + ")?";
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Assignment: validation, JSON, fingerprint, link
//-----------------------------------------------------------------------------------------------
std::string AssignmentResult::Report() const {
    std::string out;
    for (const Problem& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

std::vector<Problem> ValidateAssignment(const Assignment& a) {
    std::vector<Problem> out;
    auto add = [&](std::string w, std::string m) { out.push_back({std::move(w), std::move(m)}); };
    if (a.title.empty()) add("/title", "the assignment needs a title");
    if (a.structures.empty()) add("/structures", "the assignment needs at least one structure (a scenario)");
    if (static_cast<int>(a.structures.size()) > kMaxStructures)
        add("/structures", std::to_string(a.structures.size()) + " structures is more than the maximum " + std::to_string(kMaxStructures));
    for (std::size_t i = 0; i < a.structures.size(); ++i)
        for (const Problem& p : ValidateScenario(a.structures[i])) add("/structures/" + std::to_string(i) + p.where, p.message);
    if (a.choose_structure && a.structures.size() < 2) add("/choose_structure", "students can choose a structure only among two or more");
    if (a.rounds < 1 || a.rounds > kMaxRounds)
        add("/rounds", std::to_string(a.rounds) + " rounds is outside the range 1 to " + std::to_string(kMaxRounds));
    if (a.replications < kMinClassReplications || a.replications > kMaxClassReplications)
        add("/replications", std::to_string(a.replications) + " is outside the range " + std::to_string(kMinClassReplications) + " to " +
                                 std::to_string(kMaxClassReplications));
    std::set<ParamId> seen;
    for (std::size_t i = 0; i < a.unlocked.size(); ++i) {
        const ParamId id = a.unlocked[i];
        const std::string at = "/unlocked/" + std::to_string(i);
        if (Info(id).group != ParamGroup::Levers) add(at, std::string(Info(id).key) + " is not a lever");
        else if (!seen.insert(id).second) add(at, std::string(Info(id).key) + " is listed twice");
    }
    if (static_cast<int>(a.questions.size()) > kMaxQuestions)
        add("/questions", std::to_string(a.questions.size()) + " questions is more than the maximum " + std::to_string(kMaxQuestions));
    for (std::size_t i = 0; i < a.questions.size(); ++i) {
        const Question& q = a.questions[i];
        const std::string at = "/questions/" + std::to_string(i);
        if (!IsClassOutcome(q.outcome)) add(at + "/outcome", std::string(InfoOf(q.outcome).key) + " is not one of the outcomes a class sees");
        if (q.year < 1 || q.year > a.rounds) add(at + "/year", "year " + std::to_string(q.year) + " is not one of the assignment's rounds (1 to " + std::to_string(a.rounds) + ")");
        if (q.kind == QuestionKind::Choice && a.structures.size() < 2)
            add(at + "/kind", "a question about which structure does better needs two or more structures");
        if (q.kind == QuestionKind::Number && (q.structure < 0 || q.structure >= static_cast<int>(a.structures.size())))
            add(at + "/structure", "structure " + std::to_string(q.structure) + " is not one of the assignment's");
        if (q.kind == QuestionKind::Number && !(q.tolerance > 0.0 && q.tolerance <= 1.0))
            add(at + "/tolerance", "the tolerance must be a share above 0 and at most 1");
        if (q.text.size() > 400) add(at + "/text", "the question is longer than 400 characters");
    }
    if (a.title.size() > 200) add("/title", "the title is longer than 200 characters");
    if (a.instructions.size() > 4000) add("/instructions", "the instructions are longer than 4,000 characters");
    if (a.reflection.size() > 1000) add("/reflection", "the reflection prompt is longer than 1,000 characters");
    return out;
}

namespace {

json AssignmentJson(const Assignment& a, bool with_model) {
    json doc = json::object();
    doc["format"] = kAssignmentFormat;
    if (with_model) doc["model"] = kModelVersion;
    doc["title"] = a.title;
    doc["instructions"] = a.instructions;
    doc["reflection"] = a.reflection;
    json structures = json::array();
    for (const Scenario& s : a.structures) {
        Scenario copy = s;
        copy.schedule.clear();  // rounds make their own
        structures.push_back(json::parse(WriteScenario(copy)));
    }
    doc["structures"] = structures;
    doc["choose_structure"] = a.choose_structure;
    json unlocked = json::array();
    for (ParamId id : a.unlocked) unlocked.push_back(Info(id).key);
    doc["unlocked"] = unlocked;
    json questions = json::array();
    for (const Question& q : a.questions) {
        json jq = {{"kind", q.kind == QuestionKind::Choice ? "choice" : "number"}, {"outcome", InfoOf(q.outcome).key}, {"year", q.year}};
        if (!q.text.empty()) jq["text"] = q.text;
        if (q.kind == QuestionKind::Number) {
            jq["structure"] = q.structure;
            jq["tolerance"] = q.tolerance;
        }
        questions.push_back(jq);
    }
    doc["questions"] = questions;
    doc["rounds"] = a.rounds;
    doc["replications"] = a.replications;
    doc["seed"] = a.seed;
    doc["seed_per_student"] = a.seed_per_student;
    return doc;
}

AssignmentResult ReadAssignmentJson(const json& doc) {
    AssignmentResult res;
    std::vector<Problem>& pr = res.problems;
    auto add = [&](std::string w, std::string m) { pr.push_back({std::move(w), std::move(m)}); };
    if (!doc.is_object()) {
        add("/", "an assignment must be a JSON object, found " + JsonTypeName(doc));
        return res;
    }
    static const std::set<std::string> keys = {"format", "model", "title", "instructions", "reflection", "structures", "choose_structure",
                                               "unlocked", "questions", "rounds", "replications", "seed", "seed_per_student"};
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (!keys.count(it.key())) add("/" + JsonPointerToken(it.key()), "unknown key \"" + it.key() + "\"");
    auto str = [&](const char* key, std::string& out, bool required) {
        auto it = doc.find(key);
        if (it == doc.end()) {
            if (required) add(std::string("/") + key, std::string("missing required key \"") + key + "\"");
        } else if (!it->is_string()) {
            add(std::string("/") + key, "must be a string, found " + JsonTypeName(*it));
        } else {
            out = it->get<std::string>();
        }
    };
    auto boolean = [&](const char* key, bool& out) {
        auto it = doc.find(key);
        if (it == doc.end()) return;
        if (!it->is_boolean()) add(std::string("/") + key, "must be true or false, found " + JsonTypeName(*it));
        else out = it->get<bool>();
    };
    auto integer = [&](const json& obj, const std::string& at, const char* key, long long lo, long long hi, long long& out, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) add(at + "/" + key, std::string("missing required key \"") + key + "\"");
            return false;
        }
        if (!it->is_number_integer()) {
            add(at + "/" + key, "must be a whole number, found " + JsonTypeName(*it));
            return false;
        }
        const long long v = it->get<long long>();
        if (v < lo || v > hi) {
            add(at + "/" + key, std::to_string(v) + " is outside the range " + std::to_string(lo) + " to " + std::to_string(hi));
            return false;
        }
        out = v;
        return true;
    };
    std::string format;
    str("format", format, true);
    if (!format.empty() && format != kAssignmentFormat)
        add("/format", "unsupported format \"" + format + "\" (expected \"" + kAssignmentFormat + "\")");
    str("model", res.model, false);
    Assignment a;
    str("title", a.title, true);
    str("instructions", a.instructions, false);
    str("reflection", a.reflection, false);
    boolean("choose_structure", a.choose_structure);
    boolean("seed_per_student", a.seed_per_student);
    long long v = 0;
    if (integer(doc, "", "rounds", 1, kMaxRounds, v, true)) a.rounds = static_cast<int>(v);
    if (integer(doc, "", "replications", kMinClassReplications, kMaxClassReplications, v, true)) a.replications = static_cast<int>(v);
    if (auto it = doc.find("seed"); it != doc.end()) {
        if (it->is_number_unsigned()) a.seed = it->get<std::uint64_t>();
        else add("/seed", "must be a non-negative whole number, found " + JsonTypeName(*it));
    }
    if (auto it = doc.find("structures"); it == doc.end()) {
        add("/structures", "missing required key \"structures\"");
    } else if (!it->is_array()) {
        add("/structures", "must be an array of scenarios, found " + JsonTypeName(*it));
    } else if (it->size() > static_cast<std::size_t>(kMaxStructures)) {
        add("/structures", std::to_string(it->size()) + " structures is more than the maximum " + std::to_string(kMaxStructures));
    } else {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const ReadResult r = ReadScenario((*it)[i].dump());
            for (const Problem& p : r.problems) add("/structures/" + std::to_string(i) + (p.where == "/" ? "" : p.where), p.message);
            if (r.ok()) a.structures.push_back(*r.scenario);
        }
    }
    if (auto it = doc.find("unlocked"); it != doc.end()) {
        if (!it->is_array()) {
            add("/unlocked", "must be an array of lever names, found " + JsonTypeName(*it));
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = "/unlocked/" + std::to_string(i);
                const json& k = (*it)[i];
                if (!k.is_string()) {
                    add(at, "must be a lever's name, found " + JsonTypeName(k));
                    continue;
                }
                auto id = FindParam(k.get<std::string>());
                if (!id || Info(*id).group != ParamGroup::Levers) add(at, "unknown lever \"" + k.get<std::string>() + "\"");
                else a.unlocked.push_back(*id);
            }
        }
    }
    if (auto it = doc.find("questions"); it != doc.end()) {
        if (!it->is_array()) {
            add("/questions", "must be an array of questions, found " + JsonTypeName(*it));
        } else if (it->size() > static_cast<std::size_t>(kMaxQuestions)) {
            add("/questions", std::to_string(it->size()) + " questions is more than the maximum " + std::to_string(kMaxQuestions));
        } else {
            for (std::size_t i = 0; i < it->size(); ++i) {
                const std::string at = "/questions/" + std::to_string(i);
                const json& jq = (*it)[i];
                if (!jq.is_object()) {
                    add(at, "a question must be an object, found " + JsonTypeName(jq));
                    continue;
                }
                for (auto k = jq.begin(); k != jq.end(); ++k)
                    if (k.key() != "kind" && k.key() != "text" && k.key() != "outcome" && k.key() != "year" && k.key() != "structure" &&
                        k.key() != "tolerance")
                        add(at + "/" + JsonPointerToken(k.key()), "unknown key \"" + k.key() + "\"");
                Question q;
                auto kind = jq.find("kind");
                if (kind == jq.end() || !kind->is_string() || (*kind != "choice" && *kind != "number"))
                    add(at + "/kind", "must be \"choice\" or \"number\"");
                else q.kind = *kind == "choice" ? QuestionKind::Choice : QuestionKind::Number;
                if (auto t = jq.find("text"); t != jq.end()) {
                    if (t->is_string()) q.text = t->get<std::string>();
                    else add(at + "/text", "must be a string, found " + JsonTypeName(*t));
                }
                auto o = jq.find("outcome");
                if (o == jq.end() || !o->is_string()) add(at + "/outcome", "must name an outcome (e.g. \"time_to_market\")");
                else if (auto id = SeriesFromKey(o->get<std::string>())) q.outcome = *id;
                else add(at + "/outcome", "unknown outcome \"" + o->get<std::string>() + "\"");
                if (integer(jq, at, "year", 1, kMaxRounds, v, true)) q.year = static_cast<int>(v);
                if (integer(jq, at, "structure", 0, kMaxStructures - 1, v, false)) q.structure = static_cast<int>(v);
                if (auto t = jq.find("tolerance"); t != jq.end()) {
                    if (t->is_number()) q.tolerance = t->get<double>();
                    else add(at + "/tolerance", "must be a number, found " + JsonTypeName(*t));
                }
                a.questions.push_back(q);
            }
        }
    }
    if (pr.empty())
        for (const Problem& p : ValidateAssignment(a)) pr.push_back(p);
    if (pr.empty()) res.assignment = std::move(a);
    return res;
}

std::string Hex64(std::uint64_t v) {
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

}  // namespace

std::string WriteAssignment(const Assignment& a) { return AssignmentJson(a, true).dump(2) + "\n"; }

AssignmentResult ReadAssignment(const std::string& text) {
    std::vector<Problem> problems;
    std::optional<json> parsed = ParseJsonText(text, kMaxOpenBytes, problems);
    if (!parsed) {
        AssignmentResult r;
        r.problems = std::move(problems);
        return r;
    }
    return ReadAssignmentJson(*parsed);
}

std::uint64_t AssignmentFingerprint(const Assignment& a) {
    // Without the model's version: the same assignment opened by a newer app keeps its fingerprint,
    // and a code of the older version is reported as another version, not another assignment.
    const std::string text = AssignmentJson(a, false).dump();
    Fnv1a f;
    f.Bytes(text.data(), text.size());
    return f.h;
}

namespace {
constexpr const char* kAssignKey = "assign=";
std::string AssignPayload(const std::string& fragment, bool* found) { return FragmentParam(fragment, kAssignKey, found); }
}  // namespace

std::string EncodeAssignmentFragment(const Assignment& a) { return EncodeFragmentText(kAssignKey, AssignmentJson(a, true).dump()); }

bool IsAssignmentFragment(const std::string& fragment) {
    bool found = false;
    AssignPayload(fragment, &found);
    return found;
}

AssignmentResult DecodeAssignmentFragment(const std::string& fragment) {
    AssignmentResult result;
    std::string text, problem;
    if (!DecodeFragmentText(fragment, kAssignKey, "assignment", text, problem)) {
        result.problems.push_back({"link", problem});
        return result;
    }
    return ReadAssignment(text);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Running a student's decisions; the truth; scores
//-----------------------------------------------------------------------------------------------
std::uint64_t StudentSeed(const Assignment& a, const std::string& name) {
    if (!a.seed_per_student) return a.seed;
    Fnv1a f;
    f.Bytes(name.data(), name.size());
    return MixSeed(a.seed, f.h);
}

Scenario StudentScenario(const Assignment& a, const std::string& name, const Decisions& d, int rounds) {
    const std::size_t si = d.structure >= 0 && d.structure < static_cast<int>(a.structures.size()) ? static_cast<std::size_t>(d.structure) : 0;
    Scenario s = a.structures.empty() ? Scenario{} : a.structures[si];
    s.schedule.clear();
    s.horizon_weeks = kWeeksPerRound * std::max(1, rounds);
    s.replications = a.replications;
    s.seed = StudentSeed(a, name);
    for (std::size_t r = 0; r < d.rounds.size() && static_cast<int>(r) < rounds; ++r) {
        if (r == 0) {
            for (const auto& [id, v] : d.rounds[0]) s.params.Set(id, v);
        } else if (!d.rounds[r].empty()) {
            s.schedule.push_back({kWeeksPerRound * static_cast<int>(r), d.rounds[r]});
        }
    }
    return s;
}

namespace {
/// Each round's summary over the replications of values[replication][round][outcome].
RoundResults SummariseRounds(const std::vector<std::vector<std::vector<double>>>& values, std::size_t n_rounds, std::size_t n_out) {
    const std::size_t reps = values.size();
    RoundResults out;
    out.mean.assign(n_rounds, std::vector<double>(n_out, 0.0));
    out.lo = out.mean;
    out.hi = out.mean;
    std::vector<double> column(reps);
    for (std::size_t r = 0; r < n_rounds; ++r)
        for (std::size_t k = 0; k < n_out; ++k) {
            for (std::size_t rep = 0; rep < reps; ++rep) column[rep] = values[rep][r][k];
            const Summary sm = Summarise(column);
            out.mean[r][k] = sm.mean;
            out.lo[r][k] = sm.lo;
            out.hi[r][k] = sm.hi;
        }
    return out;
}
}  // namespace

RoundResults RunStudent(const Assignment& a, const std::string& name, const Decisions& d, int rounds, const ParallelFor& parallel) {
    // The experiment a debrief gives the worker pool, run here: each replication side by side
    // through `parallel`, merged in order, read by RoundResultsOf.
    const int n_rounds = std::max(1, rounds);
    Experiment e({StudentScenario(a, name, d, rounds)}, a.replications, kWeeksPerRound * n_rounds, false);
    e.SetCheckpointEvery(kWeeksPerRound);
    std::vector<ReplicationResult> results(static_cast<std::size_t>(e.TaskCount()));
    parallel(e.TaskCount(), [&](int task) { results[static_cast<std::size_t>(task)] = e.RunTask(task); });
    for (ReplicationResult& r : results) e.Accept(std::move(r));
    return RoundResultsOf(e, rounds);
}

RoundResults RoundResultsOf(const Experiment& e, int rounds) {
    const std::vector<SeriesId>& outs = ClassOutcomes();
    const auto n_out = outs.size();
    const auto n_rounds = static_cast<std::size_t>(std::max(1, rounds));
    const int reps = e.ScenarioCount() > 0 ? e.Completed() : 0;
    std::vector<std::vector<std::vector<double>>> values(static_cast<std::size_t>(reps),
                                                         std::vector<std::vector<double>>(n_rounds, std::vector<double>(n_out, 0.0)));
    for (int rep = 0; rep < reps; ++rep)
        for (std::size_t round = 0; round < n_rounds; ++round)
            for (std::size_t k = 0; k < n_out; ++k)
                values[static_cast<std::size_t>(rep)][round][k] =
                    round + 1 < n_rounds && static_cast<int>(round) < e.Checkpoints()
                        ? e.CheckpointValue(0, rep, static_cast<int>(round), outs[k])
                        : e.Finals(0, outs[k])[static_cast<std::size_t>(rep)];
    return SummariseRounds(values, n_rounds, n_out);
}

std::uint64_t OutcomeHash(const RoundResults& r) {
    Fnv1a f;
    f.Val(static_cast<std::uint64_t>(r.mean.size()));
    for (const auto& row : r.mean) f.Vec(row);
    return f.h;
}

Truth ComputeTruth(const Assignment& a, const ParallelFor& parallel) {
    Truth t;
    int years = 1;
    for (const Question& q : a.questions) years = std::max(years, q.year);
    // Each structure as the instructor set it, no decisions, the class seed (not a student's).
    Assignment plain = a;
    plain.seed_per_student = false;
    std::vector<RoundResults> runs;
    for (std::size_t i = 0; i < a.structures.size(); ++i) {
        Decisions d;
        d.structure = static_cast<int>(i);
        runs.push_back(RunStudent(plain, "", d, years, parallel));
    }
    for (const Question& q : a.questions) {
        const std::size_t k = OutcomeIndex(q.outcome);
        const auto y = static_cast<std::size_t>(std::clamp(q.year, 1, years) - 1);
        std::vector<double> means;
        for (const RoundResults& r : runs) means.push_back(k < r.mean[y].size() ? r.mean[y][k] : std::numeric_limits<double>::quiet_NaN());
        t.structure_means.push_back(means);
        if (q.kind == QuestionKind::Choice) {
            int best = 0;
            const bool higher = InfoOf(q.outcome).higher_is_better;
            for (std::size_t i = 1; i < means.size(); ++i)
                if (higher ? means[i] > means[static_cast<std::size_t>(best)] : means[i] < means[static_cast<std::size_t>(best)]) best = static_cast<int>(i);
            t.choice.push_back(best);
            t.number.push_back(std::numeric_limits<double>::quiet_NaN());
        } else {
            t.choice.push_back(-1);
            const auto s = static_cast<std::size_t>(std::clamp(q.structure, 0, static_cast<int>(means.size()) - 1));
            t.number.push_back(means.empty() ? std::numeric_limits<double>::quiet_NaN() : means[s]);
        }
    }
    return t;
}

double ScorePrediction(const Question& q, const Prediction& p, const Truth& t, std::size_t question) {
    if (!p.answered || question >= t.choice.size()) return 0.0;
    if (q.kind == QuestionKind::Choice) return p.choice == t.choice[question] ? 1.0 : 0.0;
    const double truth = t.number[question];
    if (!std::isfinite(truth) || !std::isfinite(p.number)) return 0.0;
    // Relative to the truth; a truth near zero is judged against a tenth of a unit instead.
    const double scale = std::max(std::fabs(truth), 0.1);
    const double err = std::fabs(p.number - truth) / scale;
    if (err <= q.tolerance) return 1.0;
    if (err <= 2.0 * q.tolerance) return 0.5;
    return 0.0;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Result codes and submission files
//-----------------------------------------------------------------------------------------------
namespace {

constexpr const char* kCodePrefix = "OSC1-";
constexpr unsigned char kCodeMagic0 = 'O', kCodeMagic1 = 'S', kCodeVersion = 1;

std::uint32_t Crc32(const std::string& bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

void PutU8(std::string& o, unsigned v) { o.push_back(static_cast<char>(v & 0xFFu)); }
void PutU64(std::string& o, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) o.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}
void PutVarint(std::string& o, long long v) {  // zigzag, 7 bits a byte
    std::uint64_t z = (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
    while (z >= 0x80) {
        o.push_back(static_cast<char>((z & 0x7F) | 0x80));
        z >>= 7;
    }
    o.push_back(static_cast<char>(z));
}
void PutText(std::string& o, const std::string& s, std::size_t max) {
    const std::string t = s.substr(0, max);
    PutU8(o, static_cast<unsigned>(t.size()));
    o += t;
}

struct ByteReader {
    const std::string& b;
    std::size_t p = 0;
    bool bad = false;
    bool U8(unsigned& v) {
        if (p >= b.size()) return !(bad = true);
        v = static_cast<unsigned char>(b[p++]);
        return true;
    }
    bool U64(std::uint64_t& v) {
        if (p + 8 > b.size()) return !(bad = true);
        v = 0;
        for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[p++])) << (8 * i);
        return true;
    }
    bool F64(double& v) {
        std::uint64_t u = 0;
        if (!U64(u)) return false;
        std::memcpy(&v, &u, sizeof v);
        return true;
    }
    bool Varint(long long& v) {
        std::uint64_t z = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            unsigned byte = 0;
            if (!U8(byte)) return false;
            z |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) {
                v = static_cast<long long>(z >> 1) ^ -static_cast<long long>(z & 1);
                return true;
            }
        }
        return !(bad = true);
    }
    bool Text(std::string& s) {
        unsigned n = 0;
        if (!U8(n) || p + n > b.size()) return !(bad = true);
        s = b.substr(p, n);
        p += n;
        return true;
    }
};

/// The lever index a code uses: the lever's place among the levers of the parameter table.
std::vector<ParamId> LeverIds() {
    std::vector<ParamId> out;
    for (const auto& p : ParamTable())
        if (p.group == ParamGroup::Levers) out.push_back(p.id);
    return out;
}

std::string ModelLong(const std::string& s) { return s.find('/') == std::string::npos ? "orgsim-model/" + s : s; }

}  // namespace

std::string EncodeResultCode(const Submission& s) {
    std::string b;
    PutU8(b, kCodeMagic0);
    PutU8(b, kCodeMagic1);
    PutU8(b, kCodeVersion);
    const std::string model = s.model.find('/') != std::string::npos ? s.model.substr(s.model.find('/') + 1) : s.model;
    PutText(b, model, 32);
    PutU64(b, s.assignment);
    PutText(b, s.name, kMaxStudentName);
    PutU8(b, static_cast<unsigned>(s.decisions.structure));
    PutU8(b, static_cast<unsigned>(std::min<std::size_t>(s.predictions.size(), kMaxQuestions)));
    for (std::size_t i = 0; i < s.predictions.size() && i < static_cast<std::size_t>(kMaxQuestions); ++i) {
        const Prediction& p = s.predictions[i];
        if (!p.answered) {
            PutU8(b, 0);
        } else if (p.choice >= 0) {
            PutU8(b, 1);
            PutU8(b, static_cast<unsigned>(p.choice));
        } else {
            PutU8(b, 2);
            std::uint64_t u = 0;
            std::memcpy(&u, &p.number, sizeof u);
            PutU64(b, u);
        }
    }
    const std::vector<ParamId> levers = LeverIds();
    PutU8(b, static_cast<unsigned>(std::min<std::size_t>(s.decisions.rounds.size(), kMaxRounds)));
    for (std::size_t r = 0; r < s.decisions.rounds.size() && r < static_cast<std::size_t>(kMaxRounds); ++r) {
        const auto& set = s.decisions.rounds[r];
        PutU8(b, static_cast<unsigned>(std::min<std::size_t>(set.size(), levers.size())));
        for (std::size_t i = 0; i < set.size() && i < levers.size(); ++i) {
            const auto at = std::find(levers.begin(), levers.end(), set[i].first);
            PutU8(b, static_cast<unsigned>(at - levers.begin()));
            PutVarint(b, LeverInteger(set[i].first, set[i].second));
        }
    }
    PutU64(b, s.outcome_hash);
    const std::uint32_t crc = Crc32(b);
    for (int i = 0; i < 4; ++i) PutU8(b, (crc >> (8 * i)) & 0xFFu);
    return kCodePrefix + Base64UrlEncode(b);
}

CodeResult DecodeResultCode(const std::string& code_in) {
    CodeResult out;
    auto fail = [&](const std::string& m) {
        out.error = m;
        return out;
    };
    // Whitespace and line breaks a mail program or a chat put in are ignored.
    std::string code;
    for (char c : code_in)
        if (!std::isspace(static_cast<unsigned char>(c))) code += c;
    if (code.empty()) return fail("the code is empty");
    if (code.size() > 2 * kMaxCodeChars) return fail("the text is " + std::to_string(code.size()) + " characters long: not a result code");
    const std::string prefix = kCodePrefix;
    if (code.compare(0, prefix.size(), prefix) != 0) return fail("not an OrgSim result code (a code starts with " + prefix + ")");
    std::string b, error;
    if (!Base64UrlDecode(code.substr(prefix.size()), b, &error)) return fail("the code is damaged (a character was changed or lost in copying): " + error);
    if (b.size() < 3 + 4 || static_cast<unsigned char>(b[0]) != kCodeMagic0 || static_cast<unsigned char>(b[1]) != kCodeMagic1)
        return fail("the code is damaged or cut short (copy the whole code)");
    if (static_cast<unsigned char>(b[2]) != kCodeVersion)
        return fail("the code is of a newer kind (version " + std::to_string(static_cast<unsigned char>(b[2])) + "): open it with a newer OrgSim");
    const std::string body = b.substr(0, b.size() - 4);
    std::uint32_t crc = 0;
    for (int i = 0; i < 4; ++i) crc |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[b.size() - 4 + static_cast<std::size_t>(i)])) << (8 * i);
    if (Crc32(body) != crc) return fail("the code is damaged: its checksum does not match (a character was changed or lost in copying)");
    ByteReader rd{body};
    rd.p = 3;
    Submission s;
    std::string model;
    unsigned u = 0;
    rd.Text(model);
    s.model = ModelLong(model);
    rd.U64(s.assignment);
    rd.Text(s.name);
    if (rd.U8(u)) s.decisions.structure = static_cast<int>(u);
    unsigned nq = 0;
    rd.U8(nq);
    if (nq > static_cast<unsigned>(kMaxQuestions)) return fail("the code holds " + std::to_string(nq) + " predictions; at most " + std::to_string(kMaxQuestions));
    for (unsigned i = 0; i < nq && !rd.bad; ++i) {
        Prediction p;
        unsigned kind = 0;
        rd.U8(kind);
        if (kind == 1) {
            p.answered = true;
            if (rd.U8(u)) p.choice = static_cast<int>(u);
        } else if (kind == 2) {
            p.answered = true;
            rd.F64(p.number);
            if (!std::isfinite(p.number)) return fail("prediction " + std::to_string(i + 1) + " is not a finite number");
        } else if (kind != 0) {
            return fail("prediction " + std::to_string(i + 1) + " is of an unknown kind");
        }
        s.predictions.push_back(p);
    }
    const std::vector<ParamId> levers = LeverIds();
    unsigned nr = 0;
    rd.U8(nr);
    if (nr > static_cast<unsigned>(kMaxRounds)) return fail("the code holds " + std::to_string(nr) + " rounds; at most " + std::to_string(kMaxRounds));
    for (unsigned r = 0; r < nr && !rd.bad; ++r) {
        unsigned n = 0;
        rd.U8(n);
        if (n > levers.size()) return fail("round " + std::to_string(r + 1) + " sets " + std::to_string(n) + " levers; there are " + std::to_string(levers.size()));
        std::vector<std::pair<ParamId, double>> set;
        for (unsigned i = 0; i < n && !rd.bad; ++i) {
            unsigned li = 0;
            long long v = 0;
            rd.U8(li);
            rd.Varint(v);
            if (rd.bad) break;
            if (li >= levers.size()) return fail("round " + std::to_string(r + 1) + " names lever " + std::to_string(li) + ", which does not exist");
            const ParamId id = levers[li];
            const double x = LeverFromInteger(id, v);
            const ParamInfo& info = Info(id);
            if (!(x >= info.min && x <= info.max))
                return fail("round " + std::to_string(r + 1) + " sets " + info.key + " to " + std::to_string(x) + ", outside its range");
            set.emplace_back(id, x);
        }
        s.decisions.rounds.push_back(std::move(set));
    }
    rd.U64(s.outcome_hash);
    if (rd.bad) return fail("the code is damaged or cut short (copy the whole code)");
    if (rd.p != body.size()) return fail("the code has " + std::to_string(body.size() - rd.p) + " bytes too many");
    out.submission = std::move(s);
    return out;
}

std::string WriteSubmissionFile(const Submission& s) {
    json doc = json::object();
    doc["format"] = kSubmissionFormat;
    doc["model"] = s.model;
    doc["assignment"] = Hex64(s.assignment);
    doc["name"] = s.name;
    doc["code"] = EncodeResultCode(s);
    doc["reflection"] = s.reflection;
    // A readable copy of what the code holds (the code is what a debrief checks).
    json rounds = json::array();
    for (const auto& set : s.decisions.rounds) {
        json jr = json::object();
        for (const auto& [id, v] : set) jr[Info(id).key] = v;
        rounds.push_back(jr);
    }
    doc["structure"] = s.decisions.structure;
    doc["rounds"] = rounds;
    json preds = json::array();
    for (const Prediction& p : s.predictions)
        preds.push_back(!p.answered ? json(nullptr) : p.choice >= 0 ? json{{"choice", p.choice}} : json{{"number", p.number}});
    doc["predictions"] = preds;
    doc["outcome_hash"] = Hex64(s.outcome_hash);
    return doc.dump(2) + "\n";
}

CodeResult ReadSubmission(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i < text.size() && text[i] != '{') return DecodeResultCode(text);
    CodeResult out;
    std::vector<Problem> problems;
    std::optional<json> doc = ParseJsonText(text, kMaxOpenBytes, problems);
    if (!doc) {
        out.error = problems.empty() ? "not a submission file" : problems[0].where + ": " + problems[0].message;
        return out;
    }
    if (!doc->is_object() || doc->value("format", std::string()) != kSubmissionFormat) {
        out.error = std::string("not a student's submission file (its format should be \"") + kSubmissionFormat + "\")";
        return out;
    }
    auto code = doc->find("code");
    if (code == doc->end() || !code->is_string()) {
        out.error = "/code: the file holds no result code";
        return out;
    }
    out = DecodeResultCode(code->get<std::string>());
    if (!out.submission) {
        out.error = "/code: " + out.error;
        return out;
    }
    if (auto r = doc->find("reflection"); r != doc->end() && r->is_string()) out.submission->reflection = r->get<std::string>().substr(0, 20000);
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Checking a submission; the gradebook
//-----------------------------------------------------------------------------------------------
const char* VerdictLabel(Verdict v) {
    switch (v) {
        case Verdict::Verified: return "verified";
        case Verdict::NotReproduced: return "not verified: outcomes do not match the decisions";
        case Verdict::OtherAssignment: return "not verified: made for another assignment";
        case Verdict::OtherModel: return "made with another version of the model";
        case Verdict::Invalid: return "not verified: decisions the assignment does not allow";
    }
    return "";
}

std::vector<std::string> DecisionProblems(const Assignment& a, const Decisions& d) {
    std::vector<std::string> out;
    if (d.structure < 0 || d.structure >= static_cast<int>(a.structures.size()))
        out.push_back("structure " + std::to_string(d.structure + 1) + " is not one of the assignment's");
    else if (d.structure != 0 && !a.choose_structure)
        out.push_back("the structure is locked, but structure " + std::to_string(d.structure + 1) + " was used");
    if (static_cast<int>(d.rounds.size()) > a.rounds)
        out.push_back(std::to_string(d.rounds.size()) + " rounds played; the assignment has " + std::to_string(a.rounds));
    for (std::size_t r = 0; r < d.rounds.size(); ++r) {
        std::set<ParamId> seen;
        for (const auto& [id, v] : d.rounds[r]) {
            const std::string where = "round " + std::to_string(r + 1) + ": ";
            if (std::find(a.unlocked.begin(), a.unlocked.end(), id) == a.unlocked.end())
                out.push_back(where + Info(id).key + " is locked");
            if (!seen.insert(id).second) out.push_back(where + Info(id).key + " is set twice");
            if (ClassLeverValue(id, v) != v) out.push_back(where + Info(id).key + " has a value the app cannot set");
        }
    }
    return out;
}

Checked PrecheckSubmission(const Assignment& a, const Truth& truth, const Submission& s, int* rounds) {
    *rounds = 0;
    Checked c;
    c.submission = s;
    for (std::size_t q = 0; q < a.questions.size(); ++q)
        c.points.push_back(q < s.predictions.size() ? ScorePrediction(a.questions[q], s.predictions[q], truth, q) : 0.0);
    double sum = 0.0;
    for (double p : c.points) sum += p;
    c.score = a.questions.empty() ? 0.0 : sum / static_cast<double>(a.questions.size());
    if (s.model != kModelVersion) {
        c.verdict = Verdict::OtherModel;
        c.detail = "made with " + s.model + "; this app runs " + kModelVersion +
                   ": the results cannot be checked with another version (this is not a sign of tampering)";
        return c;
    }
    if (s.assignment != AssignmentFingerprint(a)) {
        c.verdict = Verdict::OtherAssignment;
        c.detail = "the code names assignment " + Hex64(s.assignment) + "; this one is " + Hex64(AssignmentFingerprint(a));
        return c;
    }
    const std::vector<std::string> problems = DecisionProblems(a, s.decisions);
    if (!problems.empty() || s.decisions.rounds.empty()) {
        c.verdict = Verdict::Invalid;
        c.detail = s.decisions.rounds.empty() ? "no round was played" : problems[0];
        for (std::size_t i = 1; i < problems.size(); ++i) c.detail += "; " + problems[i];
        return c;
    }
    *rounds = static_cast<int>(s.decisions.rounds.size());
    return c;
}

void ConcludeCheck(const Assignment& a, Checked& c, RoundResults results) {
    const int rounds = static_cast<int>(c.submission.decisions.rounds.size());
    c.results = std::move(results);
    const bool same = OutcomeHash(c.results) == c.submission.outcome_hash;
    c.verdict = same ? Verdict::Verified : Verdict::NotReproduced;
    c.detail = same ? (rounds < a.rounds ? "played " + std::to_string(rounds) + " of " + std::to_string(a.rounds) + " rounds" : std::string())
                    : "re-simulating the decisions gives other outcomes than the code carries";
}

Checked CheckSubmission(const Assignment& a, const Truth& truth, const Submission& s, const ParallelFor& parallel) {
    int rounds = 0;
    Checked c = PrecheckSubmission(a, truth, s, &rounds);
    if (rounds > 0) ConcludeCheck(a, c, RunStudent(a, s.name, s.decisions, rounds, parallel));
    return c;
}

std::string GradebookCsv(const Assignment& a, const Truth& truth, const std::vector<Checked>& rows) {
    std::vector<std::string> head = {"name", "verified", "verdict", "detail", "score"};
    for (std::size_t q = 0; q < a.questions.size(); ++q) {
        head.push_back("q" + std::to_string(q + 1) + " prediction");
        head.push_back("q" + std::to_string(q + 1) + " truth");
        head.push_back("q" + std::to_string(q + 1) + " points");
    }
    head.push_back("structure");
    for (int r = 0; r < a.rounds; ++r) head.push_back("round " + std::to_string(r + 1) + " decisions");
    for (SeriesId id : ClassOutcomes()) head.push_back(std::string(InfoOf(id).key) + " (" + InfoOf(id).unit + ")");
    std::string out;
    auto row = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + CsvField(fields[i]);
        out += "\r\n";
    };
    row(head);
    for (const Checked& c : rows) {
        const Submission& s = c.submission;
        std::vector<std::string> f = {s.name, c.verdict == Verdict::Verified ? "yes" : "no", VerdictLabel(c.verdict), c.detail,
                                      FormatNumber(std::round(c.score * 1000.0) / 10.0)};
        for (std::size_t q = 0; q < a.questions.size(); ++q) {
            const Question& qu = a.questions[q];
            std::string pred, tru;
            if (q < s.predictions.size() && s.predictions[q].answered) {
                const Prediction& p = s.predictions[q];
                pred = qu.kind == QuestionKind::Choice
                           ? (p.choice >= 0 && p.choice < static_cast<int>(a.structures.size()) ? a.structures[static_cast<std::size_t>(p.choice)].name
                                                                                                : "?")
                           : FormatNumber(p.number);
            }
            if (q < truth.choice.size())
                tru = qu.kind == QuestionKind::Choice ? (truth.choice[q] >= 0 ? a.structures[static_cast<std::size_t>(truth.choice[q])].name : "")
                                                      : FormatNumber(truth.number[q]);
            f.push_back(pred);
            f.push_back(tru);
            f.push_back(q < c.points.size() ? FormatNumber(c.points[q]) : "");
        }
        const int st = s.decisions.structure;
        f.push_back(st >= 0 && st < static_cast<int>(a.structures.size()) ? a.structures[static_cast<std::size_t>(st)].name : "?");
        for (int r = 0; r < a.rounds; ++r) {
            std::string d;
            if (r < static_cast<int>(s.decisions.rounds.size()))
                for (const auto& [id, v] : s.decisions.rounds[static_cast<std::size_t>(r)])
                    d += (d.empty() ? "" : "; ") + std::string(Info(id).key) + "=" + FormatValue(id, v);
            f.push_back(d);
        }
        for (std::size_t k = 0; k < ClassOutcomes().size(); ++k)
            f.push_back(c.results.mean.empty() ? "" : FormatNumber(c.results.mean.back()[k]));
        row(f);
    }
    return out;
}

std::vector<std::vector<double>> LeversInForce(const Assignment& a, const Decisions& d) {
    std::vector<std::vector<double>> out;
    if (a.structures.empty()) return out;
    const std::size_t si = d.structure >= 0 && d.structure < static_cast<int>(a.structures.size()) ? static_cast<std::size_t>(d.structure) : 0;
    std::vector<double> now;
    for (ParamId id : a.unlocked) now.push_back(a.structures[si].params.Get(id));
    for (const auto& round : d.rounds) {
        for (const auto& [id, v] : round)
            for (std::size_t k = 0; k < a.unlocked.size(); ++k)
                if (a.unlocked[k] == id) now[k] = v;
        out.push_back(now);
    }
    return out;
}

ClassSummary SummariseClass(const Assignment& a, const std::vector<Checked>& checked) {
    ClassSummary s;
    const std::size_t nq = a.questions.size();
    s.questions.resize(nq);
    for (std::size_t q = 0; q < nq; ++q)
        if (a.questions[q].kind == QuestionKind::Choice) s.questions[q].choice_counts.assign(a.structures.size(), 0);
    s.structure_counts.assign(a.structures.size(), 0);
    s.decisions.assign(static_cast<std::size_t>(std::max(a.rounds, 0)), {});
    for (auto& round : s.decisions)
        for (ParamId id : a.unlocked) {
            const ParamInfo& info = Info(id);
            ClassSummary::LeverRound lr;
            lr.id = id;
            if (info.kind == ParamKind::Bool || info.kind == ParamKind::Choice) lr.counts.assign(static_cast<std::size_t>(info.max) + 1, 0);
            round.push_back(lr);
        }
    s.final.assign(ClassOutcomes().size(), {});

    for (std::size_t r = 0; r < checked.size(); ++r) {
        const Checked& c = checked[r];
        if (c.verdict != Verdict::Verified) continue;
        s.rows.push_back(r);
        const Submission& sub = c.submission;
        for (std::size_t q = 0; q < nq; ++q) {
            if (q >= sub.predictions.size() || !sub.predictions[q].answered) continue;
            ClassSummary::QuestionSummary& qs = s.questions[q];
            ++qs.answered;
            const double pts = q < c.points.size() ? c.points[q] : 0.0;
            if (pts >= 1.0) ++qs.right;
            else if (pts > 0.0) ++qs.half;
            const Prediction& p = sub.predictions[q];
            if (a.questions[q].kind == QuestionKind::Choice) {
                if (p.choice >= 0 && p.choice < static_cast<int>(qs.choice_counts.size())) ++qs.choice_counts[static_cast<std::size_t>(p.choice)];
            } else {
                qs.numbers.push_back(p.number);
            }
        }
        const int st = sub.decisions.structure;
        if (st >= 0 && st < static_cast<int>(s.structure_counts.size())) ++s.structure_counts[static_cast<std::size_t>(st)];
        const std::vector<std::vector<double>> in_force = LeversInForce(a, sub.decisions);
        for (std::size_t round = 0; round < in_force.size() && round < s.decisions.size(); ++round) {
            for (std::size_t k = 0; k < a.unlocked.size(); ++k) {
                ClassSummary::LeverRound& lr = s.decisions[round][k];
                const double v = in_force[round][k];
                bool changed = false;
                for (const auto& [id, value] : sub.decisions.rounds[round]) changed = changed || id == a.unlocked[k];
                lr.changed += changed ? 1 : 0;
                lr.min = lr.players == 0 ? v : std::min(lr.min, v);
                lr.max = lr.players == 0 ? v : std::max(lr.max, v);
                lr.mean += v;  // a sum until the end
                const auto slot = static_cast<std::size_t>(std::lround(v));
                if (!lr.counts.empty() && v >= 0.0 && slot < lr.counts.size()) ++lr.counts[slot];
                ++lr.players;
            }
        }
        if (static_cast<int>(c.results.mean.size()) == a.rounds && a.rounds > 0) {
            s.finished.push_back(r);
            for (std::size_t k = 0; k < s.final.size(); ++k) s.final[k].push_back(c.results.mean.back()[k]);
        }
    }
    for (auto& qs : s.questions) std::sort(qs.numbers.begin(), qs.numbers.end());
    for (auto& round : s.decisions)
        for (auto& lr : round)
            if (lr.players > 0) lr.mean /= lr.players;
    return s;
}

namespace {

/// Finished students ordered best first on an outcome (a stable sort: ties keep the rows' order).
std::vector<std::size_t> OrderOn(const ClassSummary& s, SeriesId outcome) {
    const std::size_t k = OutcomeIndex(outcome);
    std::vector<std::size_t> order(s.finished.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    if (k >= s.final.size()) return {};
    const bool higher = InfoOf(outcome).higher_is_better;
    const std::vector<double>& v = s.final[k];
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return higher ? v[x] > v[y] : v[x] < v[y]; });
    return order;
}

}  // namespace

Standing BestAndMedian(const ClassSummary& s, SeriesId outcome) {
    const std::vector<std::size_t> order = OrderOn(s, outcome);
    Standing st;
    if (order.empty()) return st;
    st.best = static_cast<int>(s.finished[order.front()]);
    // The median student: the middle of an odd class, the lower of the two middle ones of an even one
    // (so that of two students the median is not the best).
    st.median = static_cast<int>(s.finished[order[order.size() / 2]]);
    return st;
}

int RankOn(const ClassSummary& s, SeriesId outcome, std::size_t row) {
    const std::vector<std::size_t> order = OrderOn(s, outcome);
    for (std::size_t i = 0; i < order.size(); ++i)
        if (s.finished[order[i]] == row) return static_cast<int>(i) + 1;
    return 0;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Helpers for the app's Class view: file kinds, a student's work in progress
//-----------------------------------------------------------------------------------------------
ClassFileKind ClassFileKindOf(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size() || text[i] != '{' || text.size() > kMaxOpenBytes) return ClassFileKind::Other;
    std::vector<Problem> problems;
    const std::optional<json> doc = ParseJsonText(text, kMaxOpenBytes, problems);
    if (!doc || !doc->is_object()) return ClassFileKind::Other;
    const auto f = doc->find("format");
    if (f == doc->end() || !f->is_string()) return ClassFileKind::Other;
    if (f->get<std::string>() == kAssignmentFormat) return ClassFileKind::Assignment;
    if (f->get<std::string>() == kSubmissionFormat) return ClassFileKind::Submission;
    return ClassFileKind::Other;
}

std::string FingerprintHex(std::uint64_t fingerprint) { return Hex64(fingerprint); }

bool StudentWork::operator==(const StudentWork& o) const {
    return name == o.name && locked == o.locked && predictions == o.predictions && structure_chosen == o.structure_chosen &&
           decisions == o.decisions && next == o.next && results.mean == o.results.mean && results.lo == o.results.lo &&
           results.hi == o.results.hi && reflection == o.reflection;
}

namespace {
json LeverSetJson(const std::vector<std::pair<ParamId, double>>& set) {
    json out = json::array();
    for (const auto& [id, v] : set) out.push_back(json::array({Info(id).key, v}));
    return out;
}

std::vector<std::pair<ParamId, double>> LeverSetFrom(const json& j, const Assignment& a) {
    std::vector<std::pair<ParamId, double>> out;
    if (!j.is_array()) return out;
    for (const json& e : j) {
        if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number()) continue;
        const std::optional<ParamId> id = FindParam(e[0].get<std::string>());
        if (!id || std::find(a.unlocked.begin(), a.unlocked.end(), *id) == a.unlocked.end()) continue;
        const double v = e[1].get<double>();
        if (!std::isfinite(v)) continue;
        bool dup = false;
        for (const auto& [pid, pv] : out) dup = dup || pid == *id;
        if (!dup) out.emplace_back(*id, ClassLeverValue(*id, v));
    }
    return out;
}

json MatrixJson(const std::vector<std::vector<double>>& m) {
    json out = json::array();
    for (const auto& row : m) out.push_back(row);
    return out;
}

bool MatrixFrom(const json& j, std::size_t rows, std::size_t cols, std::vector<std::vector<double>>& out) {
    if (!j.is_array() || j.size() != rows) return false;
    out.assign(rows, std::vector<double>(cols, 0.0));
    for (std::size_t r = 0; r < rows; ++r) {
        if (!j[r].is_array() || j[r].size() != cols) return false;
        for (std::size_t c = 0; c < cols; ++c) {
            if (!j[r][c].is_number()) return false;
            out[r][c] = j[r][c].get<double>();
        }
    }
    return true;
}
}  // namespace

std::string WriteStudentWork(const StudentWork& w, std::uint64_t fingerprint) {
    json doc = json::object();
    doc["format"] = kStudentWorkFormat;
    doc["assignment"] = Hex64(fingerprint);
    doc["name"] = w.name;
    doc["locked"] = w.locked;
    json preds = json::array();
    for (const Prediction& p : w.predictions) preds.push_back(json{{"answered", p.answered}, {"choice", p.choice}, {"number", p.number}});
    doc["predictions"] = preds;
    doc["structure"] = w.decisions.structure;
    doc["structure_chosen"] = w.structure_chosen;
    json rounds = json::array();
    for (const auto& set : w.decisions.rounds) rounds.push_back(LeverSetJson(set));
    doc["rounds"] = rounds;
    doc["next"] = LeverSetJson(w.next);
    doc["results"] = json{{"mean", MatrixJson(w.results.mean)}, {"lo", MatrixJson(w.results.lo)}, {"hi", MatrixJson(w.results.hi)}};
    doc["reflection"] = w.reflection;
    return doc.dump();
}

std::optional<StudentWork> ReadStudentWork(const std::string& text, const Assignment& a) {
    std::vector<Problem> problems;
    const std::optional<json> parsed = ParseJsonText(text, kMaxOpenBytes, problems);
    if (!parsed || !parsed->is_object()) return std::nullopt;
    const json& doc = *parsed;
    if (doc.value("format", std::string()) != kStudentWorkFormat) return std::nullopt;
    if (doc.value("assignment", std::string()) != Hex64(AssignmentFingerprint(a))) return std::nullopt;
    StudentWork w;
    if (auto n = doc.find("name"); n != doc.end() && n->is_string()) w.name = n->get<std::string>().substr(0, kMaxStudentName);
    if (auto l = doc.find("locked"); l != doc.end() && l->is_boolean()) w.locked = l->get<bool>();
    w.predictions.assign(a.questions.size(), Prediction{});
    if (auto ps = doc.find("predictions"); ps != doc.end() && ps->is_array())
        for (std::size_t i = 0; i < ps->size() && i < a.questions.size(); ++i) {
            const json& p = (*ps)[i];
            if (!p.is_object()) continue;
            Prediction& out = w.predictions[i];
            if (auto x = p.find("answered"); x != p.end() && x->is_boolean()) out.answered = x->get<bool>();
            if (auto x = p.find("choice"); x != p.end() && x->is_number_integer()) out.choice = x->get<int>();
            if (auto x = p.find("number"); x != p.end() && x->is_number()) out.number = x->get<double>();
            if (a.questions[i].kind == QuestionKind::Choice) {
                if (out.choice < 0 || out.choice >= static_cast<int>(a.structures.size())) out = Prediction{};
            } else {
                out.choice = -1;
                if (!std::isfinite(out.number)) out = Prediction{};
            }
        }
    if (auto s = doc.find("structure"); s != doc.end() && s->is_number_integer()) w.decisions.structure = s->get<int>();
    if (w.decisions.structure < 0 || w.decisions.structure >= static_cast<int>(a.structures.size()) ||
        (!a.choose_structure && w.decisions.structure != 0))
        w.decisions.structure = 0;
    if (auto c = doc.find("structure_chosen"); c != doc.end() && c->is_boolean()) w.structure_chosen = c->get<bool>();
    if (auto rs = doc.find("rounds"); rs != doc.end() && rs->is_array())
        for (std::size_t r = 0; r < rs->size() && static_cast<int>(r) < a.rounds; ++r) w.decisions.rounds.push_back(LeverSetFrom((*rs)[r], a));
    if (auto nx = doc.find("next"); nx != doc.end()) w.next = LeverSetFrom(*nx, a);
    const std::size_t played = w.decisions.rounds.size(), outs = ClassOutcomes().size();
    if (auto res = doc.find("results"); played > 0 && res != doc.end() && res->is_object()) {
        const bool ok = res->contains("mean") && res->contains("lo") && res->contains("hi") &&
                        MatrixFrom((*res)["mean"], played, outs, w.results.mean) && MatrixFrom((*res)["lo"], played, outs, w.results.lo) &&
                        MatrixFrom((*res)["hi"], played, outs, w.results.hi);
        if (!ok) {  // results that do not fit the rounds: the rounds have to be run again
            w.results = RoundResults{};
            w.decisions.rounds.clear();
        }
    } else {
        w.decisions.rounds.clear();
    }
    if (!w.decisions.rounds.empty()) w.structure_chosen = true;
    if (auto r = doc.find("reflection"); r != doc.end() && r->is_string()) w.reflection = r->get<std::string>().substr(0, 20000);
    return w;
}

}  // namespace orgsim::ui
