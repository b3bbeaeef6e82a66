// test_persist.cpp: the app's file formats (web/persist.h): workspace documents and share links
// round-trip, every damaged input is refused with its location, CSV exports have their shapes and
// numbers that read back exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/unit/fixtures.h"
#include "web/persist.h"

using namespace orgsim;
using namespace orgsim::ui;

namespace {

Workspace FourSlots() {
    Workspace ws;
    REQUIRE(ws.SetBaseline(testing::Default(), "default").ok);
    REQUIRE(ws.AddAlternative(testing::Preset("cio_reports_to_ceo.json"), "cio_reports_to_ceo").ok);
    REQUIRE(ws.AddAlternative(testing::Preset("shadow_it_ban.json"), "shadow_it_ban").ok);
    REQUIRE(ws.AddAlternative(testing::Preset("cdo_over_it_and_marketing.json"), "file \"x, y\".json").ok);
    ws.SetActive(2);
    return ws;
}

bool HasProblem(const std::vector<Problem>& problems, const std::string& where, const std::string& part) {
    for (const Problem& p : problems)
        if (p.where == where && p.message.find(part) != std::string::npos) return true;
    return false;
}

std::string Dump(const std::vector<Problem>& problems) {
    std::string out;
    for (const Problem& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::size_t Count(const std::string& s, char c) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), c)); }

// Fields of a CSV line (RFC 4180 quoting).
std::vector<std::string> Fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else out.back() += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else {
            out.back() += c;
        }
    }
    return out;
}

}  // namespace

TEST_CASE("persist: a workspace document round-trips every slot, origin and the active slot") {
    Workspace ws = FourSlots();
    REQUIRE(ws.SetParam(ParamId::CoLocation, 1.0).ok);  // an edit in the active slot
    for (bool compact : {false, true}) {
        const std::string text = WriteWorkspace(ws, 1763900000.5, compact);
        CHECK((Count(text, '\n') > 1) == !compact);  // pretty text has many lines
        DocResult r = ReadWorkspace(text);
        INFO(r.Report());
        REQUIRE(r.ok());
        REQUIRE(r.doc->slots.size() == 4);
        CHECK(r.doc->active == 2);
        CHECK(r.doc->saved_at == 1763900000.5);
        for (int i = 0; i < 4; ++i) {
            CHECK(r.doc->slots[static_cast<std::size_t>(i)].scenario == ws.GetScenario(i));
            CHECK(r.doc->slots[static_cast<std::size_t>(i)].origin == ws.GetSlot(i).origin);
        }
        Workspace other;
        REQUIRE(other.SetBaseline(testing::Preset("it_budget_cut.json"), "x").ok);
        REQUIRE(ApplyWorkspace(other, *r.doc).ok);
        CHECK(WriteWorkspace(other) == WriteWorkspace(ws));
    }
}

TEST_CASE("persist: applying a smaller workspace closes the extra slots") {
    Workspace big = FourSlots();
    Workspace small;
    REQUIRE(small.SetBaseline(testing::Preset("it_budget_cut.json"), "it_budget_cut").ok);
    DocResult r = ReadWorkspace(WriteWorkspace(small));
    REQUIRE(r.ok());
    const auto rev = big.Revision();
    REQUIRE(ApplyWorkspace(big, *r.doc).ok);
    CHECK(big.SlotCount() == 1);
    CHECK(big.Active() == 0);
    CHECK(big.ActiveScenario() == small.ActiveScenario());
    CHECK(big.Revision() > rev);  // runs made before are no longer current
}

TEST_CASE("persist: workspace documents with problems are refused with their locations") {
    Workspace ws = FourSlots();
    const std::string good = WriteWorkspace(ws);

    SUBCASE("malformed JSON: line and column") {
        DocResult r = ReadWorkspace("{\n  \"format\": \"orgsim-workspace/1\",\n  \"slots\": [ }");
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems.size() == 1);
        CHECK(r.problems[0].where.rfind("line 3, column", 0) == 0);
        CHECK(r.problems[0].message.find("malformed JSON") != std::string::npos);
    }
    SUBCASE("wrong format, missing slots, unknown key") {
        DocResult r = ReadWorkspace(R"({"format":"orgsim-workspace/9","colour":1})");
        REQUIRE_FALSE(r.ok());
        CHECK(HasProblem(r.problems, "/format", "unsupported format"));
        CHECK(HasProblem(r.problems, "/slots", "missing required key"));
        CHECK(HasProblem(r.problems, "/colour", "unknown key"));
    }
    SUBCASE("not an object") {
        DocResult r = ReadWorkspace("[1,2]");
        REQUIRE_FALSE(r.ok());
        CHECK(HasProblem(r.problems, "/", "must be a JSON object"));
    }
    SUBCASE("too many slots, bad active") {
        const std::string s = WriteScenario(testing::Default());
        std::string text = R"({"format":"orgsim-workspace/1","active":0,"slots":[)";
        for (int i = 0; i < 5; ++i) text += std::string(i ? "," : "") + R"({"scenario":)" + s + "}";
        text += "]}";
        DocResult r = ReadWorkspace(text);
        REQUIRE_FALSE(r.ok());
        CHECK(HasProblem(r.problems, "/slots", "1 to 4 scenarios, found 5"));
        DocResult a = ReadWorkspace(R"({"format":"orgsim-workspace/1","active":3,"slots":[{"scenario":)" + s + "}]}");
        REQUIRE_FALSE(a.ok());
        CHECK(HasProblem(a.problems, "/active", "does not exist"));
    }
    SUBCASE("a bad scenario in slot 2 fails the whole document, located under /slots/2/scenario") {
        // A negative headcount in the third slot (the workspace refuses such edits, so the
        // document is built by hand).
        DocResult parsed = ReadWorkspace(good);
        REQUIRE(parsed.ok());
        std::string s2 = WriteScenario(parsed.doc->slots[2].scenario);
        const std::string from = "\"headcount\": ";
        const auto at = s2.find(from);
        REQUIRE(at != std::string::npos);
        s2.replace(at + from.size(), 1, "-");  // e.g. "headcount": -
        s2.insert(at + from.size() + 1, "1");
        std::string doc = R"({"format":"orgsim-workspace/1","active":0,"slots":[{"scenario":)" + WriteScenario(ws.GetScenario(0)) +
                          R"(},{"scenario":)" + WriteScenario(ws.GetScenario(1)) + R"(},{"origin":7,"scenario":)" + s2 + "}]}";
        DocResult r = ReadWorkspace(doc);
        INFO(Dump(r.problems));
        REQUIRE_FALSE(r.ok());
        bool located = false;
        for (const Problem& p : r.problems) located |= p.where.rfind("/slots/2/scenario/org/units/", 0) == 0;
        CHECK(located);
        CHECK(HasProblem(r.problems, "/slots/2/origin", "must be a string"));
        // ...and applying nothing changes the workspace.
        CHECK(WriteWorkspace(ws) == good);
    }
    SUBCASE("over the size limit before parsing") {
        std::string huge(kMaxOpenBytes + 1, ' ');
        DocResult r = ReadWorkspace(huge);
        REQUIRE_FALSE(r.ok());
        CHECK(r.problems[0].message.find("the limit is") != std::string::npos);
        OpenedFile f = ReadAnyFile(huge);
        CHECK_FALSE(f.ok());
        CHECK(f.problems[0].message.find("the limit is") != std::string::npos);
    }
}

TEST_CASE("persist: ReadAnyFile tells scenarios from workspaces and reports a cycle") {
    Workspace ws = FourSlots();
    OpenedFile w = ReadAnyFile(WriteWorkspace(ws));
    REQUIRE(w.ok());
    CHECK(w.kind == FileKind::Workspace);
    CHECK(w.workspace->slots.size() == 4);

    OpenedFile s = ReadAnyFile(WriteScenario(testing::Default()));
    REQUIRE(s.ok());
    CHECK(s.kind == FileKind::Scenario);
    CHECK(*s.scenario == testing::Default());

    std::ifstream in(std::string(ORGSIM_SOURCE_DIR) + "/tests/data/cycle.json");
    std::ostringstream text;
    text << in.rdbuf();
    OpenedFile c = ReadAnyFile(text.str());
    CHECK_FALSE(c.ok());
    CHECK(c.kind == FileKind::Scenario);
    bool cycle = false;
    for (const Problem& p : c.problems) cycle |= p.message.find("reporting cycle") != std::string::npos && p.where.rfind("/org/units/", 0) == 0;
    CHECK(cycle);

    OpenedFile bad = ReadAnyFile("{\"name\": ");
    CHECK_FALSE(bad.ok());
    CHECK(bad.problems[0].where.rfind("line 1, column", 0) == 0);
}

TEST_CASE("persist: base64url and LZ round-trip arbitrary bytes") {
    std::string bytes;
    for (int i = 0; i < 3000; ++i) bytes.push_back(static_cast<char>((i * 37 + i / 7) & 0xFF));
    for (std::size_t len : {0u, 1u, 2u, 3u, 4u, 5u, 100u, 3000u}) {
        const std::string in = bytes.substr(0, len);
        const std::string enc = Base64UrlEncode(in);
        CHECK(enc.find_first_of("+/=") == std::string::npos);
        std::string out, error;
        REQUIRE(Base64UrlDecode(enc, out, &error));
        CHECK(out == in);
        const std::string z = CompressLz(in);
        REQUIRE(DecompressLz(z, 1 << 20, out, &error));
        CHECK(out == in);
    }
    // Repetitive text (a workspace) compresses well; long matches and long literal runs.
    const std::string text = WriteWorkspace(FourSlots(), 0.0, true);
    const std::string z = CompressLz(text);
    std::string out, error;
    REQUIRE(DecompressLz(z, 1 << 20, out, &error));
    CHECK(out == text);
    CHECK(z.size() * 2 < text.size());
    const std::string runs(70000, 'a');
    REQUIRE(DecompressLz(CompressLz(runs), 1 << 20, out, &error));
    CHECK(out == runs);
}

TEST_CASE("persist: damaged base64 and compressed data are refused with a reason") {
    std::string out, error;
    CHECK_FALSE(Base64UrlDecode("abc$def", out, &error));
    CHECK(error == "character '$' at position 4 is not base64url");
    CHECK_FALSE(Base64UrlDecode("abcde", out, &error));
    CHECK(error.find("cut off") != std::string::npos);

    const std::string z = CompressLz(WriteScenario(testing::Default()));
    CHECK_FALSE(DecompressLz(z.substr(0, z.size() / 2), 1 << 20, out, &error));
    CHECK_FALSE(error.empty());
    CHECK_FALSE(DecompressLz(z, 100, out, &error));  // expands past the limit
    CHECK(error.find("more than 100 bytes") != std::string::npos);
    const std::string back_too_far = std::string("\x10", 1) + "a" + std::string("\x09\x00", 2);  // 1 literal, offset 9
    CHECK_FALSE(DecompressLz(back_too_far, 1 << 20, out, &error));
    CHECK(error.find("refers back 9 bytes") != std::string::npos);
    CHECK_FALSE(DecompressLz("", 1 << 20, out, &error));
}

TEST_CASE("persist: share links round-trip 1 and 4 slots; lengths stay short") {
    Workspace one;
    REQUIRE(one.SetBaseline(testing::Default(), "default").ok);
    REQUIRE(one.SetRunSettings(42, 156, 37).ok);
    const std::string f1 = EncodeShareFragment(one);
    CHECK(f1.rfind("w=", 0) == 0);
    CHECK(IsShareFragment("#" + f1));
    DocResult r1 = DecodeShareFragment("#" + f1);
    INFO(r1.Report());
    REQUIRE(r1.ok());
    CHECK(r1.doc->slots[0].scenario == one.GetScenario(0));
    CHECK(r1.doc->slots[0].scenario.seed == 42);
    CHECK(r1.doc->slots[0].scenario.horizon_weeks == 156);
    CHECK(r1.doc->slots[0].scenario.replications == 37);

    Workspace four = FourSlots();
    const std::string f4 = EncodeShareFragment(four);
    DocResult r4 = DecodeShareFragment("x=1&" + f4);  // other parameters around it are ignored
    REQUIRE(r4.ok());
    CHECK(r4.doc->active == 2);
    for (int i = 0; i < 4; ++i) CHECK(r4.doc->slots[static_cast<std::size_t>(i)].scenario == four.GetScenario(i));

    // Compression keeps links short (figures in the report): 4 slots cost far less than 4 x 1 slot.
    const std::size_t raw1 = Base64UrlEncode(WriteWorkspace(one, 0.0, true)).size();
    const std::size_t raw4 = Base64UrlEncode(WriteWorkspace(four, 0.0, true)).size();
    MESSAGE("share link fragment: 1 slot " << f1.size() << " chars (uncompressed " << raw1 << "), 4 slots " << f4.size()
                                          << " chars (uncompressed " << raw4 << ")");
    CHECK(f1.size() < raw1);
    CHECK(f4.size() < 2 * f1.size());
    CHECK(f4.size() < 8000);
}

TEST_CASE("persist: damaged share links are refused with clear messages") {
    Workspace ws;
    REQUIRE(ws.SetBaseline(testing::Default(), "default").ok);
    const std::string good = EncodeShareFragment(ws);
    auto first = [](const DocResult& r) { return r.problems.empty() ? std::string() : r.problems[0].where + ": " + r.problems[0].message; };

    CHECK(first(DecodeShareFragment("#scenario=x")) == "link: the link does not hold a workspace (it should end in #w=...)");
    CHECK(first(DecodeShareFragment("#w=")) == "link: the link's workspace is empty (was the link cut off?)");
    CHECK(first(DecodeShareFragment("#w=ab*cdefg")).find("link: the link is damaged (was it cut off or changed?): character '*' at position 3") == 0);
    // Cut in half: the compressed stream ends early.
    const DocResult cut = DecodeShareFragment(good.substr(0, good.size() / 2 / 4 * 4));
    REQUIRE_FALSE(cut.ok());
    CHECK(first(cut).find("link: the link is damaged") == 0);
    // Valid base64 of something that is not ours.
    CHECK(first(DecodeShareFragment("w=" + Base64UrlEncode("hello"))).find("unknown encoding") != std::string::npos);
    // Uncompressed JSON with the wrong format, and malformed JSON.
    CHECK(first(DecodeShareFragment("w=" + Base64UrlEncode(R"({"format":"other","slots":[]})"))).find("/format: unsupported format") == 0);
    CHECK(first(DecodeShareFragment("w=" + Base64UrlEncode("{\"format\":"))).find("line 1, column") == 0);
    // A workspace whose scenario is invalid.
    std::string s = WriteScenario(testing::Default());
    s.replace(s.find("\"horizon_weeks\": 260"), 20, "\"horizon_weeks\": 0");
    const DocResult bad = DecodeShareFragment("w=" + Base64UrlEncode(R"({"format":"orgsim-workspace/1","slots":[{"scenario":)" + s + "}]}"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.problems[0].where == "/slots/0/scenario/horizon_weeks");
}

TEST_CASE("persist: CSV exports have one row per week/series/scenario and per replication/scenario") {
    Workspace ws;
    Scenario s = testing::Default();
    s.replications = 3;
    s.horizon_weeks = 12;
    REQUIRE(ws.SetBaseline(s, "default").ok);
    REQUIRE(ws.AddAlternative(testing::Preset("cio_reports_to_ceo.json"), "cio").ok);
    REQUIRE(ws.SetRunSettings(7, 12, 3).ok);
    Runner runner;
    runner.Start(ws);
    while (runner.Slice(1000.0)) {
    }
    const Experiment& e = *runner.Results();
    REQUIRE(e.Done());

    const auto series = Lines(SeriesCsv(e));
    CHECK(series[0] == "slot,scenario,series,unit,week,mean,p05,p95");
    CHECK(series.size() - 1 == 2u * 12u * static_cast<std::size_t>(kSeriesCount));
    CHECK(SeriesCsvRows(e) == series.size() - 1);
    for (std::size_t i = 1; i < series.size(); ++i) REQUIRE(Fields(series[i]).size() == 8);
    // The mean of headcount in week 12 of slot 1 is the mean over the three replications.
    std::vector<double> mean, lo, hi;
    e.WeeklyBand(1, SeriesId::Headcount, mean, lo, hi);
    bool found = false;
    for (std::size_t i = 1; i < series.size(); ++i) {
        const auto f = Fields(series[i]);
        if (f[0] == "1" && f[2] == "headcount" && f[4] == "12") {
            found = true;
            CHECK(f[1] == e.GetScenario(1).name);
            CHECK(std::strtod(f[5].c_str(), nullptr) == mean[11]);
            CHECK(std::strtod(f[6].c_str(), nullptr) == lo[11]);
            CHECK(std::strtod(f[7].c_str(), nullptr) == hi[11]);
        }
    }
    CHECK(found);

    const auto reps = Lines(ReplicationsCsv(e));
    CHECK(reps.size() - 1 == 2u * 3u);
    CHECK(ReplicationsCsvRows(e) == 6u);
    CHECK(reps[0].rfind("slot,scenario,seed,replication,martech_budget_owner,", 0) == 0);
    const auto header = Fields(reps[0]);
    CHECK(header.back() == "state_hash");
    for (std::size_t i = 1; i < reps.size(); ++i) CHECK(Fields(reps[i]).size() == header.size());
    const auto first = Fields(reps[1]);
    CHECK(first[0] == "0");
    CHECK(first[1] == e.GetScenario(0).name);
    CHECK(first[2] == "7");
    CHECK(first[3] == "0");
    // Final revenue of replication 2 of slot 1 reads back to the same double; its hash matches.
    const auto revenue_col = static_cast<std::size_t>(std::find(header.begin(), header.end(), "revenue") - header.begin());
    REQUIRE(revenue_col < header.size());
    const auto last = Fields(reps[6]);
    CHECK(last[0] == "1");
    CHECK(last[3] == "2");
    CHECK(std::strtod(last[revenue_col].c_str(), nullptr) == e.Finals(1, SeriesId::Revenue)[2]);
    CHECK(std::strtoull(last.back().c_str(), nullptr, 16) == e.Hashes(1)[2]);
}

TEST_CASE("persist: numbers round-trip; CSV fields are quoted; helpers") {
    for (double v : {0.1, 1.0 / 3.0, 123456.789, 1e-300, -2.5, 0.0, 5e22, 0.30000000000000004}) {
        const std::string s = FormatNumber(v);
        CHECK(std::strtod(s.c_str(), nullptr) == v);
    }
    CHECK(FormatNumber(0.1) == "0.1");
    CHECK(FormatNumber(std::nan("")).empty());
    CHECK(CsvField("plain") == "plain");
    CHECK(CsvField("a, b") == "\"a, b\"");
    CHECK(CsvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(DescribeAge(5) == "just now");
    CHECK(DescribeAge(60 * 5 + 3) == "5 minutes ago");
    CHECK(DescribeAge(3600 * 2) == "2 hours ago");
    CHECK(DescribeAge(3600 * 30) == "yesterday");
    CHECK(DescribeAge(86400 * 4) == "4 days ago");
    CHECK(FileStem("CIO reports to CFO") == "CIO_reports_to_CFO");
    CHECK(FileStem("a/b\\c: d?") == "abc_d");
    CHECK(FileStem("???") == "scenario");
}

// ---- Autosave in two generations ----------------------------------------------------------------
namespace {

Workspace OneSlot(const char* preset) {
    Workspace ws;
    REQUIRE(ws.SetBaseline(testing::Preset(preset), preset).ok);
    return ws;
}

}  // namespace

TEST_CASE("autosave: a generation round-trips; damaged, cut-off or re-summed copies are refused") {
    const Workspace ws = FourSlots();
    const std::string doc = WriteWorkspace(ws, 1763900000.0, true);
    const std::string stored = EncodeAutosave(7, doc);
    const AutosaveCopy good = VerifyAutosave(stored);
    REQUIRE_MESSAGE(good.valid, good.problem);
    CHECK(good.generation == 7);
    REQUIRE(good.doc);
    CHECK(good.doc->slots.size() == 4);
    CHECK(good.doc->saved_at == 1763900000.0);

    SUBCASE("one flipped byte in the document: the checksum catches it") {
        std::string bad = stored;
        const std::size_t at = bad.find("\"name\"");
        REQUIRE(at != std::string::npos);
        bad[at + 9] = static_cast<char>(bad[at + 9] ^ 0x01);
        const AutosaveCopy c = VerifyAutosave(bad);
        CHECK_FALSE(c.valid);
        CHECK(c.header_ok);
        CHECK(c.problem.find("checksum") != std::string::npos);
    }
    SUBCASE("cut off (an interrupted write): the length catches it") {
        for (std::size_t keep : {stored.size() - 1, stored.size() / 2, stored.find('\n') + 1}) {
            const AutosaveCopy c = VerifyAutosave(stored.substr(0, keep));
            CHECK_FALSE(c.valid);
            CHECK(c.problem.find("cut off") != std::string::npos);
        }
        CHECK_FALSE(VerifyAutosave(stored.substr(0, 10)).valid);  // inside the header
        CHECK_FALSE(VerifyAutosave("").valid);
    }
    SUBCASE("a wrong checksum in the header") {
        std::string bad = stored;
        const std::size_t eol = bad.find('\n');
        bad[eol - 1] = bad[eol - 1] == '0' ? '1' : '0';
        const AutosaveCopy c = VerifyAutosave(bad);
        CHECK_FALSE(c.valid);
        CHECK(c.problem.find("checksum") != std::string::npos);
    }
    SUBCASE("damaged headers") {
        for (const char* h : {"orgsim-autosave/3 7 10 0000000000000000\n", "orgsim-autosave/2 -7 10 0000000000000000\n",
                              "orgsim-autosave/2 7 10 00000000\n", "orgsim-autosave/2 4294967296 10 0000000000000000\n",
                              "orgsim-autosave/2 7 10 000000000000000g\n", "orgsim-autosave/2 7 10\n", "garbage\n"}) {
            const AutosaveCopy c = VerifyAutosave(std::string(h) + "0123456789");
            CHECK_MESSAGE(!c.valid, h);
            CHECK_MESSAGE(!c.header_ok, h);
        }
    }
    SUBCASE("checksum and length right, but not a workspace (the reader refuses it)") {
        const AutosaveCopy c = VerifyAutosave(EncodeAutosave(3, "{\"format\":\"orgsim-workspace/1\",\"slots\":[]}"));
        CHECK_FALSE(c.valid);
        CHECK(c.header_ok);
        CHECK(c.problem.find("cannot be read") != std::string::npos);
    }
}

TEST_CASE("autosave: startup restores the newest valid generation and writes over the other key") {
    const std::string old_doc = WriteWorkspace(OneSlot("default.json"), 1000.0, true);
    const std::string new_doc = WriteWorkspace(FourSlots(), 2000.0, true);
    const std::string g4 = EncodeAutosave(4, old_doc), g5 = EncodeAutosave(5, new_doc);

    SUBCASE("both good: the newer, whichever key holds it") {
        for (int order = 0; order < 2; ++order) {
            const AutosaveChoice c = order == 0 ? ChooseAutosave(g4, g5, std::nullopt) : ChooseAutosave(g5, g4, std::nullopt);
            REQUIRE(c.doc);
            CHECK(c.source == (order == 0 ? 1 : 0));
            CHECK(c.doc->slots.size() == 4);
            CHECK(c.generation == 5);
            CHECK(c.next_generation == 6);
            CHECK(c.write_key == 1 - c.source);  // the last good copy is never the next write's target
            CHECK_FALSE(c.newest_damaged);
            CHECK_FALSE(c.all_damaged);
        }
    }
    SUBCASE("the newest is damaged: the older is restored, the user is told, the damaged key is written next") {
        std::string bad = g5;
        bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x20);
        const AutosaveChoice c = ChooseAutosave(g4, bad, std::nullopt);
        REQUIRE(c.doc);
        CHECK(c.source == 0);
        CHECK(c.doc->saved_at == 1000.0);
        CHECK(c.newest_damaged);
        CHECK(c.problem.find("checksum") != std::string::npos);
        CHECK(c.write_key == 1);
        CHECK(c.next_generation == 6);  // after the damaged copy's generation too
        // Cut off instead of flipped: the same.
        const AutosaveChoice t = ChooseAutosave(g5.substr(0, g5.size() - 40), g4, std::nullopt);
        REQUIRE(t.doc);
        CHECK(t.source == 1);
        CHECK(t.newest_damaged);
        CHECK(t.write_key == 0);
    }
    SUBCASE("an older damaged copy beside a good newer one is not worth a warning") {
        std::string bad = g4;
        bad.back() = 'x';
        const AutosaveChoice c = ChooseAutosave(bad, g5, std::nullopt);
        REQUIRE(c.doc);
        CHECK(c.source == 1);
        CHECK_FALSE(c.newest_damaged);
    }
    SUBCASE("both damaged: nothing to restore, said so; a valid legacy copy is the fallback") {
        const AutosaveChoice c = ChooseAutosave(g4.substr(0, 50), "{not json", std::nullopt);
        CHECK_FALSE(c.doc);
        CHECK(c.source == -1);
        CHECK(c.all_damaged);
        CHECK(c.write_key == 0);
        CHECK(c.next_generation == 5);  // the cut-off copy's header is readable: generation 4
        const AutosaveChoice l = ChooseAutosave(g4.substr(0, 50), std::nullopt, old_doc);
        REQUIRE(l.doc);
        CHECK(l.source == 2);
        CHECK(l.newest_damaged);
    }
    SUBCASE("nothing stored: nothing to restore, nothing damaged") {
        const AutosaveChoice c = ChooseAutosave(std::nullopt, std::nullopt, std::nullopt);
        CHECK_FALSE(c.doc);
        CHECK_FALSE(c.all_damaged);
        CHECK_FALSE(c.newest_damaged);
        CHECK(c.next_generation == 1);
    }
    SUBCASE("the old single-key format of earlier versions is read (and only when no generation is valid)") {
        const AutosaveChoice c = ChooseAutosave(std::nullopt, std::nullopt, new_doc);
        REQUIRE(c.doc);
        CHECK(c.source == 2);
        CHECK(c.doc->slots.size() == 4);
        CHECK_FALSE(c.newest_damaged);
        CHECK(c.write_key == 0);
        const AutosaveChoice n = ChooseAutosave(std::nullopt, g4, new_doc);
        CHECK(n.source == 1);
        CHECK(n.doc->slots.size() == 1);
        const AutosaveChoice bad = ChooseAutosave(std::nullopt, std::nullopt, "{\"format\":\"orgsim-workspace/1\"");
        CHECK_FALSE(bad.doc);
        CHECK(bad.all_damaged);
    }
    SUBCASE("generations wrap around: 0 follows 0xFFFFFFFF") {
        CHECK(NewerGeneration(0, 0xFFFFFFFFu));
        CHECK_FALSE(NewerGeneration(0xFFFFFFFFu, 0));
        CHECK(NewerGeneration(6, 5));
        CHECK_FALSE(NewerGeneration(5, 5));
        const std::string last = EncodeAutosave(0xFFFFFFFFu, old_doc), first = EncodeAutosave(0, new_doc);
        for (int order = 0; order < 2; ++order) {
            const AutosaveChoice c = order == 0 ? ChooseAutosave(last, first, std::nullopt) : ChooseAutosave(first, last, std::nullopt);
            REQUIRE(c.doc);
            CHECK(c.generation == 0);
            CHECK(c.doc->slots.size() == 4);
            CHECK(c.next_generation == 1);
        }
        const AutosaveChoice top = ChooseAutosave(last, std::nullopt, std::nullopt);
        CHECK(top.next_generation == 0);
    }
    CHECK(DescribeRestore(*VerifyAutosave(g5).doc, 12 * 60 + 5) == "4 scenarios, saved 12 minutes ago");
    CHECK(DescribeRestore(*VerifyAutosave(g4).doc, -1) == "1 scenario");
}
