// persist.cpp: workspace documents, share links and CSV exports (see persist.h).
//
// [SECTION] Workspace document
// [SECTION] Files of either kind
// [SECTION] Base64url and LZ compression
// [SECTION] Share links
// [SECTION] CSV
// [SECTION] Autosave generations
// [SECTION] Helpers
#include "web/persist.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "sim/hash.h"
#include "sim/json_util.h"
#include "sim/params.h"
#include "sim/world.h"

namespace orgsim::ui {

using nlohmann::json;

std::string DocResult::Report() const {
    std::string out;
    for (const auto& p : problems) out += p.where + ": " + p.message + "\n";
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Workspace document
//-----------------------------------------------------------------------------------------------
namespace {

json WorkspaceJson(const Workspace& ws, double saved_at) {
    json doc = json::object();
    doc["format"] = kWorkspaceFormat;
    doc["active"] = ws.Active();
    if (saved_at > 0.0) doc["saved_at"] = saved_at;
    json slots = json::array();
    for (int i = 0; i < ws.SlotCount(); ++i) {
        // The scenario is stored exactly as the scenario file format writes it.
        slots.push_back(json{{"origin", ws.GetSlot(i).origin}, {"scenario", json::parse(WriteScenario(ws.GetScenario(i)))}});
    }
    doc["slots"] = std::move(slots);
    return doc;
}

// A value quoted in a message: about 60 bytes at most (the value may be a megabyte), cut between
// UTF-8 characters.
std::string Excerpt(const std::string& s) {
    if (s.size() <= 60) return s;
    std::size_t n = 57;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n) + "...";
}

// Problems of an embedded scenario, moved under its place in the document.
void AddNested(std::vector<Problem>& out, const std::string& at, const std::vector<Problem>& inner) {
    for (const Problem& p : inner) out.push_back({p.where == "/" ? at : at + p.where, p.message});
}

DocResult ReadWorkspaceJson(const json& doc) {
    DocResult result;
    auto& problems = result.problems;
    auto add = [&](const std::string& where, const std::string& message) { problems.push_back({where, message}); };
    if (!doc.is_object()) {
        add("/", "a workspace must be a JSON object, found " + JsonTypeName(doc));
        return result;
    }
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "format" && it.key() != "active" && it.key() != "saved_at" && it.key() != "slots")
            add("/" + JsonPointerToken(it.key()), "unknown key \"" + it.key() + "\" (allowed: format, active, saved_at, slots)");
    auto format = doc.find("format");
    if (format == doc.end()) add("/format", std::string("missing required key \"format\" (\"") + kWorkspaceFormat + "\")");
    else if (!format->is_string() || format->get<std::string>() != kWorkspaceFormat)
        add("/format", "unsupported format " + Excerpt(format->dump()) + " (expected \"" + kWorkspaceFormat + "\")");

    WorkspaceDoc out;
    if (auto s = doc.find("saved_at"); s != doc.end()) {
        if (s->is_number() && s->get<double>() >= 0.0) out.saved_at = s->get<double>();
        else add("/saved_at", "must be a non-negative number (Unix time, seconds), found " + JsonTypeName(*s));
    }
    auto slots = doc.find("slots");
    if (slots == doc.end()) {
        add("/slots", "missing required key \"slots\"");
    } else if (!slots->is_array()) {
        add("/slots", "must be an array of scenarios, found " + JsonTypeName(*slots));
    } else if (slots->empty() || slots->size() > static_cast<std::size_t>(kMaxSlots)) {
        add("/slots", "must hold 1 to " + std::to_string(kMaxSlots) + " scenarios, found " + std::to_string(slots->size()));
    } else {
        for (std::size_t i = 0; i < slots->size(); ++i) {
            const json& js = (*slots)[i];
            const std::string at = "/slots/" + std::to_string(i);
            if (!js.is_object()) {
                add(at, "a slot must be an object {\"origin\": ..., \"scenario\": {...}}, found " + JsonTypeName(js));
                continue;
            }
            for (auto it = js.begin(); it != js.end(); ++it)
                if (it.key() != "origin" && it.key() != "scenario")
                    add(at + "/" + JsonPointerToken(it.key()), "unknown key \"" + it.key() + "\" (allowed: origin, scenario)");
            SlotDoc slot;
            if (auto o = js.find("origin"); o != js.end()) {
                if (o->is_string()) slot.origin = o->get<std::string>();
                else add(at + "/origin", "must be a string, found " + JsonTypeName(*o));
            }
            auto sc = js.find("scenario");
            if (sc == js.end()) {
                add(at + "/scenario", "missing required key \"scenario\"");
                continue;
            }
            // The engine's reader judges the scenario, so a workspace accepts exactly what a
            // scenario file may hold.
            ReadResult r = ReadScenario(sc->dump());
            AddNested(problems, at + "/scenario", r.problems);
            if (r.ok()) slot.scenario = std::move(*r.scenario);
            out.slots.push_back(std::move(slot));
        }
    }
    if (auto a = doc.find("active"); a != doc.end()) {
        const int n = static_cast<int>(out.slots.size());
        if (!a->is_number_integer()) add("/active", "must be a slot index (integer), found " + JsonTypeName(*a));
        else if (a->get<long long>() < 0 || (n > 0 && a->get<long long>() >= n))
            add("/active", "slot " + a->dump() + " does not exist (the document has " + std::to_string(n) + ")");
        else out.active = static_cast<int>(a->get<long long>());
    }
    if (problems.empty()) result.doc = std::move(out);
    return result;
}

}  // namespace

std::string WriteWorkspace(const Workspace& ws, double saved_at, bool compact) {
    const json doc = WorkspaceJson(ws, saved_at);
    return compact ? doc.dump() : doc.dump(2) + "\n";
}

DocResult ReadWorkspace(const std::string& text) {
    DocResult result;
    std::optional<json> parsed = ParseJsonText(text, kMaxOpenBytes, result.problems);
    if (!parsed) return result;
    return ReadWorkspaceJson(*parsed);
}

EditResult ApplyWorkspace(Workspace& ws, const WorkspaceDoc& doc) {
    if (doc.slots.empty() || doc.slots.size() > static_cast<std::size_t>(kMaxSlots))
        return EditResult::Refused("A workspace holds 1 to 4 scenarios.");
    // Check everything before touching the workspace: nothing changes unless all of it applies.
    for (const SlotDoc& s : doc.slots)
        if (const auto problems = ValidateScenario(s.scenario); !problems.empty())
            return EditResult::Refused(s.scenario.name + ": " + problems.front().where + ": " + problems.front().message);
    EditResult r = ws.SetBaseline(doc.slots[0].scenario, doc.slots[0].origin);
    if (!r.ok) return r;
    while (ws.SlotCount() > 1) ws.RemoveSlot(ws.SlotCount() - 1);
    for (std::size_t i = 1; i < doc.slots.size(); ++i) {
        r = ws.AddAlternative(doc.slots[i].scenario, doc.slots[i].origin);
        if (!r.ok) return r;
    }
    ws.SetActive(std::clamp(doc.active, 0, ws.SlotCount() - 1));
    return EditResult::Ok();
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Files of either kind
//-----------------------------------------------------------------------------------------------
OpenedFile ReadAnyFile(const std::string& text) {
    OpenedFile f;
    if (LooksLikeSweepResult(text)) {
        f.kind = FileKind::SweepResult;
        SweepResultRead r = ReadSweepResult(text);
        f.problems = std::move(r.problems);
        f.sweep = std::move(r.result);
        return f;
    }
    std::optional<json> parsed = ParseJsonText(text, kMaxOpenBytes, f.problems);
    if (!parsed) return f;
    if (parsed->is_object()) {
        auto fmt = parsed->find("format");
        if (fmt != parsed->end() && fmt->is_string() && fmt->get<std::string>() == kWorkspaceFormat) {
            f.kind = FileKind::Workspace;
            DocResult r = ReadWorkspaceJson(*parsed);
            f.problems = std::move(r.problems);
            f.workspace = std::move(r.doc);
            return f;
        }
    }
    ReadResult r = ReadScenario(text);
    f.problems = std::move(r.problems);
    f.notices = std::move(r.notices);
    f.scenario = std::move(r.scenario);
    return f;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Base64url and LZ compression
//-----------------------------------------------------------------------------------------------
namespace {
constexpr const char* kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int B64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}
}  // namespace

std::string Base64UrlEncode(const std::string& bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (static_cast<std::uint8_t>(bytes[i]) << 16) | (static_cast<std::uint8_t>(bytes[i + 1]) << 8) |
                                static_cast<std::uint8_t>(bytes[i + 2]);
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        out += kB64[(v >> 6) & 63];
        out += kB64[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<std::uint8_t>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
        out += kB64[(v >> 18) & 63];
        out += kB64[(v >> 12) & 63];
        if (rest == 2) out += kB64[(v >> 6) & 63];
    }
    return out;
}

bool Base64UrlDecode(const std::string& text, std::string& bytes, std::string* error) {
    auto fail = [&](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    std::size_t n = text.size();
    while (n > 0 && text[n - 1] == '=') --n;  // padding is not written, but tolerated
    if (n % 4 == 1) return fail("the data has " + std::to_string(n) + " characters, which no base64 text has (was it cut off?)");
    bytes.clear();
    bytes.reserve(n * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int v = B64Value(text[i]);
        if (v < 0) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            char shown[16];
            if (c >= 0x21 && c < 0x7f) std::snprintf(shown, sizeof shown, "'%c'", c);
            else std::snprintf(shown, sizeof shown, "byte 0x%02X", c);
            return fail(std::string("character ") + shown + " at position " + std::to_string(i + 1) + " is not base64url");
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return true;
}

namespace {
void PutLength(std::string& out, std::size_t extra) {  // the part of a length over 15
    while (extra >= 255) {
        out.push_back(static_cast<char>(255));
        extra -= 255;
    }
    out.push_back(static_cast<char>(extra));
}

void PutSequence(std::string& out, const std::string& in, std::size_t lit_begin, std::size_t lit_end, std::size_t offset,
                 std::size_t match_len) {
    const std::size_t lits = lit_end - lit_begin;
    const std::size_t m = match_len >= 4 ? match_len - 4 : 0;
    out.push_back(static_cast<char>((std::min<std::size_t>(lits, 15) << 4) | std::min<std::size_t>(m, 15)));
    if (lits >= 15) PutLength(out, lits - 15);
    out.append(in, lit_begin, lits);
    if (match_len == 0) return;  // the last sequence: literals only
    out.push_back(static_cast<char>(offset & 0xFF));
    out.push_back(static_cast<char>(offset >> 8));
    if (m >= 15) PutLength(out, m - 15);
}
}  // namespace

std::string CompressLz(const std::string& in) {
    constexpr int kHashBits = 14;
    constexpr std::size_t kMaxOffset = 65535;
    constexpr int kMaxTries = 96;  // candidates examined per position
    const std::size_t n = in.size();
    std::vector<long> head(std::size_t{1} << kHashBits, -1);
    std::vector<long> prev(n, -1);
    auto hash4 = [&](std::size_t p) {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) v = (v << 8) | static_cast<std::uint8_t>(in[p + static_cast<std::size_t>(k)]);
        return static_cast<std::size_t>((v * 2654435761u) >> (32 - kHashBits));
    };
    auto insert = [&](std::size_t p) {
        if (p + 4 > n) return;
        const std::size_t h = hash4(p);
        prev[p] = head[h];
        head[h] = static_cast<long>(p);
    };
    std::string out;
    std::size_t anchor = 0, i = 0;
    while (i + 4 <= n) {
        std::size_t best_len = 0, best_off = 0;
        long cand = head[hash4(i)];
        for (int tries = 0; cand >= 0 && tries < kMaxTries; ++tries) {
            const std::size_t c = static_cast<std::size_t>(cand);
            if (i - c > kMaxOffset) break;
            std::size_t len = 0;
            while (i + len < n && in[c + len] == in[i + len]) ++len;
            if (len > best_len) {
                best_len = len;
                best_off = i - c;
            }
            cand = prev[c];
        }
        if (best_len >= 4) {
            PutSequence(out, in, anchor, i, best_off, best_len);
            for (std::size_t k = 0; k < best_len; ++k) insert(i + k);
            i += best_len;
            anchor = i;
        } else {
            insert(i);
            ++i;
        }
    }
    PutSequence(out, in, anchor, n, 0, 0);
    return out;
}

bool DecompressLz(const std::string& data, std::size_t max_out, std::string& out, std::string* error) {
    auto fail = [&](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    out.clear();
    std::size_t p = 0;
    const std::size_t n = data.size();
    auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(data[k]); };
    auto length = [&](std::size_t base, std::size_t& len) {
        len = base;
        if (base < 15) return true;
        for (;;) {
            if (p >= n) return false;
            const std::uint8_t b = byte(p++);
            len += b;
            if (len > max_out) return false;
            if (b != 255) return true;
        }
    };
    while (true) {
        if (p >= n) return fail("compressed data ends before its last sequence");
        const std::uint8_t token = byte(p++);
        std::size_t lits = 0;
        if (!length(token >> 4, lits)) return fail("compressed data has a damaged literal length at byte " + std::to_string(p));
        if (lits > n - p) return fail("compressed data is cut off (literals past the end)");
        if (out.size() + lits > max_out) return fail("the data expands to more than " + std::to_string(max_out) + " bytes");
        out.append(data, p, lits);
        p += lits;
        if (p == n) return true;  // the last sequence has literals only
        if (n - p < 2) return fail("compressed data is cut off (in a match offset)");
        const std::size_t offset = byte(p) | (static_cast<std::size_t>(byte(p + 1)) << 8);
        p += 2;
        std::size_t m = 0;
        if (!length(token & 15, m)) return fail("compressed data has a damaged match length at byte " + std::to_string(p));
        const std::size_t len = m + 4;
        if (offset == 0 || offset > out.size())
            return fail("compressed data refers back " + std::to_string(offset) + " bytes from position " + std::to_string(out.size()));
        if (out.size() + len > max_out) return fail("the data expands to more than " + std::to_string(max_out) + " bytes");
        const std::size_t from = out.size() - offset;
        for (std::size_t k = 0; k < len; ++k) out.push_back(out[from + k]);  // may overlap: byte by byte
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Share links
//-----------------------------------------------------------------------------------------------
std::string EncodeShareFragment(const Workspace& ws) { return EncodeFragmentText("w=", WriteWorkspace(ws, 0.0, true)); }

std::string FragmentParam(const std::string& fragment, const std::string& key, bool* found) {
    std::string f = fragment;
    if (!f.empty() && f[0] == '#') f.erase(0, 1);
    // Parameters separated by '&', each "key=value".
    std::size_t start = 0;
    while (start <= f.size()) {
        std::size_t end = f.find('&', start);
        if (end == std::string::npos) end = f.size();
        if (f.compare(start, key.size(), key) == 0) {
            *found = true;
            return f.substr(start + key.size(), end - start - key.size());
        }
        start = end + 1;
    }
    *found = false;
    return {};
}

namespace {
std::string FragmentPayload(const std::string& fragment, bool* found) { return FragmentParam(fragment, "w=", found); }
}  // namespace

bool IsShareFragment(const std::string& fragment) {
    bool found = false;
    FragmentPayload(fragment, &found);
    return found;
}

std::string EncodeFragmentText(const std::string& key, const std::string& text) {
    const std::string packed = std::string(1, kLzTag) + CompressLz(text);
    return key + Base64UrlEncode(packed.size() < text.size() ? packed : text);
}

bool DecodeFragmentText(const std::string& fragment, const std::string& key, const std::string& what, std::string& text,
                        std::string& problem) {
    bool found = false;
    const std::string payload = FragmentParam(fragment, key, &found);
    auto fail = [&](const std::string& m) {
        problem = m;
        return false;
    };
    if (!found) return fail("the link does not hold " + std::string(what == "assignment" ? "an " : "a ") + what + " (it should end in #" + key + "...)");
    if (payload.empty()) return fail("the link's " + what + " is empty (was the link cut off?)");
    if (payload.size() > kMaxOpenBytes * 4 / 3 + 4)
        return fail("the link holds " + std::to_string(payload.size()) + " characters; the limit is " + std::to_string(kMaxOpenBytes * 4 / 3));
    std::string bytes, error;
    if (!Base64UrlDecode(payload, bytes, &error)) return fail("the link is damaged (was it cut off or changed?): " + error);
    if (!bytes.empty() && bytes[0] == kLzTag) {
        if (!DecompressLz(bytes.substr(1), kMaxOpenBytes, text, &error)) return fail("the link is damaged (was it cut off or changed?): " + error);
    } else if (!bytes.empty() && bytes[0] == '{') {
        text = std::move(bytes);
    } else {
        return fail("the link's data is in an unknown encoding (not " + std::string(what == "assignment" ? "an " : "a ") + what + " from this app)");
    }
    return true;
}

DocResult DecodeShareFragment(const std::string& fragment) {
    DocResult result;
    std::string text, problem;
    if (!DecodeFragmentText(fragment, "w=", "workspace", text, problem)) {
        result.problems.push_back({"link", problem});
        return result;
    }
    return ReadWorkspace(text);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] CSV
//-----------------------------------------------------------------------------------------------
std::string FormatNumber(double v) {
    if (!std::isfinite(v)) return "";
    char buf[40];
    for (int precision = 15; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

std::string CsvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

namespace {
// Lines end in "\n" (pandas, R and spreadsheets all accept it).
void Row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += fields[i];
    }
    out += '\n';
}
}  // namespace

std::size_t SeriesCsvRows(const Experiment& e) {
    std::size_t rows = 0;
    std::vector<double> mean, lo, hi;
    for (int i = 0; i < e.ScenarioCount(); ++i) {
        e.WeeklyBand(i, SeriesId::Revenue, mean, lo, hi);
        rows += mean.size() * static_cast<std::size_t>(kSeriesCount);
    }
    return rows;
}

std::string SeriesCsv(const Experiment& e) {
    std::string out;
    out.reserve(SeriesCsvRows(e) * 64 + 64);
    Row(out, {"slot", "scenario", "series", "unit", "week", "mean", "p05", "p95"});
    std::vector<double> mean, lo, hi;
    for (int i = 0; i < e.ScenarioCount(); ++i) {
        const std::string slot = std::to_string(i);
        const std::string name = CsvField(e.GetScenario(i).name);
        for (const SeriesInfo& info : SeriesTable()) {
            e.WeeklyBand(i, info.id, mean, lo, hi);
            const std::string unit = CsvField(info.unit);
            for (std::size_t t = 0; t < mean.size(); ++t)
                Row(out, {slot, name, info.key, unit, std::to_string(t + 1), FormatNumber(mean[t]), FormatNumber(lo[t]),
                          FormatNumber(hi[t])});
        }
    }
    return out;
}

std::size_t ReplicationsCsvRows(const Experiment& e) {
    return static_cast<std::size_t>(e.Completed()) * static_cast<std::size_t>(e.ScenarioCount());
}

std::string ReplicationsCsv(const Experiment& e) {
    std::string out;
    std::vector<std::string> header = {"slot", "scenario", "seed", "replication"};
    for (const ParamInfo& p : ParamTable())
        if (p.group == ParamGroup::Levers) header.push_back(p.key);
    for (const SeriesInfo& info : SeriesTable()) header.push_back(info.key);
    header.push_back("state_hash");
    Row(out, header);
    const std::string seed = e.ScenarioCount() > 0 ? std::to_string(e.GetScenario(0).seed) : "";
    for (int i = 0; i < e.ScenarioCount(); ++i) {
        const Scenario& s = e.GetScenario(i);
        std::vector<std::string> levers;
        for (const ParamInfo& p : ParamTable()) {
            if (p.group != ParamGroup::Levers) continue;
            const double v = s.params.Get(p.id);
            if (p.kind == ParamKind::Choice) levers.push_back(CsvField(Options(p.id)[static_cast<std::size_t>(v)]));
            else if (p.kind == ParamKind::Bool) levers.push_back(v != 0.0 ? "true" : "false");
            else levers.push_back(FormatNumber(v));
        }
        for (int r = 0; r < e.Completed(); ++r) {
            std::vector<std::string> row = {std::to_string(i), CsvField(s.name), seed, std::to_string(r)};
            row.insert(row.end(), levers.begin(), levers.end());
            for (const SeriesInfo& info : SeriesTable()) {
                const auto& finals = e.Finals(i, info.id);
                row.push_back(static_cast<std::size_t>(r) < finals.size() ? FormatNumber(finals[static_cast<std::size_t>(r)]) : "");
            }
            char hash[24];
            const auto& hashes = e.Hashes(i);
            const std::uint64_t h = static_cast<std::size_t>(r) < hashes.size() ? hashes[static_cast<std::size_t>(r)] : 0;
            std::snprintf(hash, sizeof hash, "0x%016" PRIx64, h);
            row.push_back(hash);
            Row(out, row);
        }
    }
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Autosave generations
//-----------------------------------------------------------------------------------------------
namespace {

std::uint64_t Checksum(const std::string& bytes) {
    Fnv1a h;
    h.Bytes(bytes.data(), bytes.size());
    return h.h;
}

// A whole unsigned decimal or hex number, nothing else (strtoull alone accepts signs and spaces).
bool ParseUnsigned(const std::string& s, int base, std::uint64_t max, std::uint64_t& out) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s) {
        const bool digit = (c >= '0' && c <= '9') || (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        if (!digit) return false;
    }
    errno = 0;
    const unsigned long long v = std::strtoull(s.c_str(), nullptr, base);
    if (errno != 0 || v > max) return false;
    out = v;
    return true;
}

}  // namespace

std::string EncodeAutosave(std::uint32_t generation, const std::string& document) {
    char header[96];
    std::snprintf(header, sizeof header, "%s %" PRIu32 " %zu %016" PRIx64 "\n", kAutosaveFormat, generation, document.size(),
                  Checksum(document));
    return header + document;
}

bool NewerGeneration(std::uint32_t a, std::uint32_t b) {
    return a != b && static_cast<std::uint32_t>(a - b) < 0x80000000u;
}

AutosaveCopy VerifyAutosave(const std::string& stored) {
    AutosaveCopy out;
    const std::size_t eol = stored.find('\n');
    if (eol == std::string::npos || eol > 200) {
        out.problem = "no autosave header (the write was cut off or the text was replaced)";
        return out;
    }
    std::vector<std::string> parts;
    for (std::size_t at = 0; at <= eol;) {
        const std::size_t sp = std::min(stored.find(' ', at), eol);
        parts.push_back(stored.substr(at, sp - at));
        at = sp + 1;
    }
    std::uint64_t generation = 0, length = 0, sum = 0;
    if (parts.size() != 4 || parts[0] != kAutosaveFormat || !ParseUnsigned(parts[1], 10, 0xFFFFFFFFull, generation) ||
        !ParseUnsigned(parts[2], 10, kMaxOpenBytes, length) || parts[3].size() != 16 || !ParseUnsigned(parts[3], 16, ~0ull, sum)) {
        out.problem = "the autosave header is damaged";
        return out;
    }
    out.header_ok = true;
    out.generation = static_cast<std::uint32_t>(generation);
    const std::string document = stored.substr(eol + 1);
    if (document.size() != length) {
        out.problem = "the document has " + std::to_string(document.size()) + " bytes, the header says " + std::to_string(length) +
                      " (a write was cut off)";
        return out;
    }
    if (Checksum(document) != sum) {
        out.problem = "the checksum does not match (damaged bytes)";
        return out;
    }
    DocResult r = ReadWorkspace(document);
    if (!r.ok()) {
        out.problem = "the document cannot be read: " + (r.problems.empty() ? std::string("?") : r.problems[0].where + ": " + r.problems[0].message);
        return out;
    }
    out.valid = true;
    out.doc = std::move(r.doc);
    return out;
}

AutosaveChoice ChooseAutosave(const std::optional<std::string>& key0, const std::optional<std::string>& key1,
                              const std::optional<std::string>& legacy) {
    AutosaveChoice out;
    AutosaveCopy copies[2];
    const std::optional<std::string>* texts[2] = {&key0, &key1};
    for (int k = 0; k < 2; ++k)
        if (*texts[k]) copies[k] = VerifyAutosave(**texts[k]);
    int best = -1;
    for (int k = 0; k < 2; ++k)
        if (copies[k].valid && (best < 0 || NewerGeneration(copies[k].generation, copies[best].generation))) best = k;
    // A damaged copy counts as possibly newer than the chosen one unless its readable header says it is older.
    auto damaged_newer = [&](int k) {
        if (!*texts[k] || copies[k].valid) return false;
        return best < 0 || !copies[k].header_ok || NewerGeneration(copies[k].generation, copies[best].generation);
    };
    for (int k = 0; k < 2; ++k)
        if (damaged_newer(k)) {
            out.newest_damaged = true;
            out.problem = "key " + std::to_string(k) + ": " + copies[k].problem;
        }
    // The next write follows every readable generation, damaged ones too, so that it is the newest
    // even beside a damaged copy that claims a later generation.
    bool any_header = false;
    std::uint32_t latest = 0;
    for (int k = 0; k < 2; ++k)
        if (copies[k].header_ok && (!any_header || NewerGeneration(copies[k].generation, latest))) {
            latest = copies[k].generation;
            any_header = true;
        }
    if (any_header) out.next_generation = latest + 1;  // wraps to 0 after 0xFFFFFFFF
    if (best >= 0) {
        out.source = best;
        out.doc = std::move(copies[best].doc);
        out.generation = copies[best].generation;
        out.write_key = 1 - best;
        return out;
    }
    const bool any_new = key0.has_value() || key1.has_value();
    if (legacy) {
        DocResult r = ReadWorkspace(*legacy);
        if (r.ok()) {
            out.source = 2;
            out.doc = std::move(r.doc);
            return out;
        }
        if (out.problem.empty()) out.problem = "legacy: " + (r.problems.empty() ? std::string("?") : r.problems[0].where + ": " + r.problems[0].message);
    }
    out.newest_damaged = false;
    out.all_damaged = any_new || legacy.has_value();
    return out;
}

std::string DescribeRestore(const WorkspaceDoc& doc, double age_seconds) {
    const std::size_t n = doc.slots.size();
    std::string out = std::to_string(n) + (n == 1 ? " scenario" : " scenarios");
    if (age_seconds >= 0.0) out += ", saved " + DescribeAge(age_seconds);
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Helpers
//-----------------------------------------------------------------------------------------------
std::string DescribeAge(double seconds) {
    if (!(seconds >= 0.0) || seconds < 60.0) return "just now";
    const long minutes = static_cast<long>(seconds / 60.0);
    if (minutes < 60) return minutes == 1 ? "a minute ago" : std::to_string(minutes) + " minutes ago";
    const long hours = minutes / 60;
    if (hours < 24) return hours == 1 ? "an hour ago" : std::to_string(hours) + " hours ago";
    const long days = hours / 24;
    if (days == 1) return "yesterday";
    return std::to_string(days) + " days ago";
}

std::string FileStem(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (keep) out += c;
        else if ((c == ' ' || c == '.') && !out.empty() && out.back() != '_') out += '_';
        if (out.size() >= 80) break;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out.empty() ? "scenario" : out;
}

}  // namespace orgsim::ui
