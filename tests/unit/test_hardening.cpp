// test_hardening.cpp: every input the fuzzers of fuzz/ once broke a reader with (the files of
// tests/data/fuzz_regressions/) goes through every reader of outside input, which must answer with
// located problems: no exception escapes, nothing crashes, nothing half-loads.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/march.h"
#include "sim/scenario.h"
#include "web/persist.h"
#include "web/workspace.h"

using namespace orgsim;

namespace {

const std::string kFolder = std::string(ORGSIM_SOURCE_DIR) + "/tests/data/fuzz_regressions";

std::string Slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::filesystem::path> RegressionFiles() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(kFolder))
        if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::string Describe(const std::vector<Problem>& problems) {
    std::string out;
    for (const Problem& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

/// Refused, with at least one problem, each saying where and what.
void CheckRefused(bool ok, const std::vector<Problem>& problems) {
    INFO(Describe(problems));
    CHECK_FALSE(ok);
    CHECK_FALSE(problems.empty());
    for (const Problem& p : problems) {
        CHECK_FALSE(p.where.empty());
        CHECK_FALSE(p.message.empty());
    }
}

bool Has(const std::vector<Problem>& problems, const std::string& where, const std::string& part) {
    for (const Problem& p : problems)
        if (p.where == where && p.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("hardening: every fuzz regression input is refused cleanly by every reader") {
    const auto files = RegressionFiles();
    REQUIRE(files.size() >= 2);
    for (const auto& path : files) {
        const std::string text = Slurp(path);
        CAPTURE(path.filename().string());

        ReadResult scenario;
        CHECK_NOTHROW(scenario = ReadScenario(text));
        CheckRefused(scenario.ok(), scenario.problems);

        MarchReadResult march;
        CHECK_NOTHROW(march = ReadMarchScenario(text));
        CheckRefused(march.ok(), march.problems);

        ui::DocResult doc;
        CHECK_NOTHROW(doc = ui::ReadWorkspace(text));
        CheckRefused(doc.ok(), doc.problems);

        ui::OpenedFile file;
        CHECK_NOTHROW(file = ui::ReadAnyFile(text));
        CheckRefused(file.ok(), file.problems);

        // Share links: the text as a fragment, and as the link's data stored plain and compressed.
        for (const std::string& link : {text, "w=" + ui::Base64UrlEncode(text),
                                        "w=" + ui::Base64UrlEncode(std::string(1, ui::kLzTag) + ui::CompressLz(text))}) {
            ui::DocResult shared;
            CHECK_NOTHROW(shared = ui::DecodeShareFragment(link));
            CheckRefused(shared.ok(), shared.problems);
        }
        std::string out, error;
        CHECK_NOTHROW(ui::DecompressLz(text, ui::kMaxOpenBytes, out, &error));

        // The app's "Open" of scenario text: refused, and the workspace unchanged.
        ui::Workspace ws;
        std::vector<Problem> problems;
        ui::EditResult opened;
        CHECK_NOTHROW(opened = ws.OpenText(text, "fuzz", false, &problems));
        CHECK_FALSE(opened.ok);
        CHECK(ws.Empty());
    }
}

TEST_CASE("hardening: a number too large for a double is a located problem, not an abort") {
    // nlohmann's parser throws out_of_range (not parse_error) for these: the reader once let it out.
    ReadResult r = ReadScenario(R"({"format":"orgsim-scenario/1","seed":1e999})");
    INFO(r.Report());
    CHECK(Has(r.problems, "line 1, column 38", "number 1e999 is too large"));
    CHECK(r.problems.size() == 1);

    r = ReadScenario("98E737");
    CHECK(Has(r.problems, "line 1, column 1", "number 98E737 is too large"));

    r = ReadScenario("{\n  \"format\": \"orgsim-scenario/1\",\n  \"parameters\": {\"x\": -2e400}\n}");
    CHECK(Has(r.problems, "line 3, column 23", "number -2e400 is too large"));

    // A long number is shortened in the message.
    r = ReadScenario("[1" + std::string(400, '0') + "]");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "line 1, column 2");
    CHECK(r.problems[0].message.size() < 120);

    MarchReadResult m = ReadMarchScenario(R"({"format":"orgsim-march/1","p1":[0.5,1e999]})");
    CHECK(Has(m.problems, "line 1, column 38", "too large"));

    ui::DocResult d = ui::ReadWorkspace(R"({"format":"orgsim-workspace/1","saved_at":1e999})");
    CHECK(Has(d.problems, "line 1, column 43", "too large"));

    d = ui::DecodeShareFragment("w=" + ui::Base64UrlEncode(R"({"format":"orgsim-workspace/1","active":1E+999})"));
    CHECK(Has(d.problems, "line 1, column 41", "too large"));

    // Other malformed text keeps its parse_error location and message.
    r = ReadScenario("{\n  \"a\": tru\n}");
    CHECK(Has(r.problems, "line 2, column 11", "malformed JSON"));
}

TEST_CASE("hardening: nesting deeper than kMaxJsonDepth is a located problem, not a stack overflow") {
    // nlohmann's dump() recurses once per level: the workspace reader once overflowed the stack
    // re-reading a slot's scenario or quoting a "format" a million levels deep (a 10 KB share link).
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    ReadResult r = ReadScenario("{\"format\":" + deep + "}");
    INFO(r.Report());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "line 1, column 74");  // the '[' that opens level 65 ('{' is level 1)
    CHECK(r.problems[0].message.find("nested deeper than 64 levels") != std::string::npos);

    ui::DocResult d = ui::ReadWorkspace(R"({"format":"orgsim-workspace/1","slots":[{"scenario":)" + deep + "}]}");
    CHECK(Has(d.problems, "line 1, column 114", "nested deeper"));
    d = ui::ReadWorkspace("{\"format\":" + deep + "}");
    CHECK(Has(d.problems, "line 1, column 74", "nested deeper"));
    d = ui::DecodeShareFragment("w=" + ui::Base64UrlEncode(std::string(1, ui::kLzTag) + ui::CompressLz("{\"format\":" + deep + "}")));
    CHECK(Has(d.problems, "line 1, column 74", "nested deeper"));
    MarchReadResult m = ReadMarchScenario("{\"p1\":" + deep.substr(500000, 1000000) + "}");  // under its 1 MB limit
    INFO(m.Report());
    CHECK(Has(m.problems, "line 1, column 70", "nested deeper"));

    // 64 levels still reach the reader (which refuses them for what they are), and brackets inside
    // strings do not count.
    r = ReadScenario("{\"format\":" + std::string(63, '[') + std::string(63, ']') + "}");
    CHECK(Has(r.problems, "/format", "must be a string"));
    r = ReadScenario("{\"format\":\"orgsim-scenario/1\",\"name\":\"" + std::string(500, '[') + "\\\"{{{\"}");
    CHECK(Has(r.problems, "/org", "missing required key"));
    CHECK_FALSE(Has(r.problems, "line 1, column 1", "nested"));

    // A huge value quoted in a message is shortened.
    d = ui::ReadWorkspace("{\"format\":\"" + std::string(100000, 'x') + "\"}");
    REQUIRE_FALSE(d.problems.empty());
    CHECK(d.problems[0].where == "/format");
    CHECK(d.problems[0].message.size() < 200);
}
