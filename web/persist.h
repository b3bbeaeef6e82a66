// persist.h: the app's file formats, independent of ImGui (unit-tested natively): the workspace
// document (all open scenarios), share links (the workspace in a URL fragment), and CSV exports of
// a run. Readers report every problem with its location and never half-load.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment.h"
#include "sim/scenario.h"
#include "web/workspace.h"

namespace orgsim::ui {

constexpr const char* kWorkspaceFormat = "orgsim-workspace/1";
/// Largest file, stored document or decoded link accepted, bytes; checked before parsing.
constexpr std::size_t kMaxOpenBytes = kMaxScenarioBytes;

// ---- Workspace document --------------------------------------------------------------------------
// {"format":"orgsim-workspace/1","active":1,"saved_at":1763900000,
//  "slots":[{"origin":"default","scenario":{...the scenario format...}}, ...]}

struct SlotDoc {
    std::string origin;  ///< Slot::origin
    Scenario scenario;
};

struct WorkspaceDoc {
    int active = 0;               ///< 0 .. slots.size() - 1
    double saved_at = 0.0;        ///< Unix time of an autosave, seconds (0 = not recorded)
    std::vector<SlotDoc> slots;   ///< 1 .. kMaxSlots
};

struct DocResult {
    std::optional<WorkspaceDoc> doc;  ///< set only when problems is empty
    std::vector<Problem> problems;
    bool ok() const { return doc.has_value(); }
    /// All problems, one per line: "where: message".
    std::string Report() const;
};

/// The workspace as a document; compact = one line (links, storage), else 2-space indent (files).
std::string WriteWorkspace(const Workspace& ws, double saved_at = 0.0, bool compact = false);
/// Parse and validate a workspace document. Each slot's scenario goes through the engine's
/// ReadScenario; its problems are placed under /slots/<i>/scenario. Any problem fails the whole
/// document.
DocResult ReadWorkspace(const std::string& text);
/// Replace the workspace's slots with the document's (a valid document from ReadWorkspace), through
/// the workspace's own commands; the undo histories start empty.
EditResult ApplyWorkspace(Workspace& ws, const WorkspaceDoc& doc);

/// What an opened file holds.
enum class FileKind { Scenario, Workspace };
struct OpenedFile {
    FileKind kind = FileKind::Scenario;
    std::optional<Scenario> scenario;      ///< kind == Scenario and no problems
    std::optional<WorkspaceDoc> workspace; ///< kind == Workspace and no problems
    std::vector<Problem> problems;
    std::vector<Problem> notices;          ///< opened, but the user should know (e.g. a removed parameter)
    bool ok() const { return problems.empty() && (scenario || workspace); }
};
/// Read a file that is either a scenario or a workspace (told apart by its "format"); refuses
/// text over kMaxOpenBytes before parsing.
OpenedFile ReadAnyFile(const std::string& text);

// ---- Share links -----------------------------------------------------------------------------------
// "#w=<base64url>": the compact workspace document, stored either as is (first byte '{') or
// compressed with CompressLz (first byte kLzTag), whichever is shorter.

constexpr char kLzTag = '\x01';

/// The fragment (without '#') that reopens the workspace: "w=...".
std::string EncodeShareFragment(const Workspace& ws);
/// True when a URL fragment (with or without '#') carries a workspace ("w=...").
bool IsShareFragment(const std::string& fragment);
/// Decode a fragment from EncodeShareFragment; damaged base64, compression, JSON, format or
/// scenarios are reported as problems (location "link" or the document's JSON pointers).
DocResult DecodeShareFragment(const std::string& fragment);

/// RFC 4648 section 5 (URL- and filename-safe alphabet), no padding.
std::string Base64UrlEncode(const std::string& bytes);
/// Decode base64url (padding tolerated); false with a message naming the bad position.
bool Base64UrlDecode(const std::string& text, std::string& bytes, std::string* error);
/// A small LZ77 compressor (LZ4-like sequences: token, literals, 16-bit offset); deterministic.
std::string CompressLz(const std::string& data);
/// Inverse of CompressLz; false with a message for damaged input or output over max_out bytes.
bool DecompressLz(const std::string& data, std::size_t max_out, std::string& out, std::string* error);

// ---- CSV exports of a run --------------------------------------------------------------------------

/// Weekly series of a run in long ("tidy") form, one row per scenario, series and week, which a
/// spreadsheet filters or pivots and pandas reads directly (df.pivot(...) for wide form):
///   slot,scenario,series,unit,week,mean,p05,p95
/// week 1 is the state after the first simulated week; mean, p05 and p95 are across the finished
/// replications. Rows: scenarios x series x weeks (none before the first replication finishes).
std::string SeriesCsv(const Experiment& e);
/// One row per finished replication and scenario:
///   slot,scenario,seed,replication,<every lever key>,<every series key (final value)>,state_hash
/// seed is the run's seed (shared by all scenarios: common random numbers); Choice levers are
/// written as their option names, switches as true/false.
std::string ReplicationsCsv(const Experiment& e);
/// Number of data rows SeriesCsv / ReplicationsCsv write for an experiment (without the header).
std::size_t SeriesCsvRows(const Experiment& e);
std::size_t ReplicationsCsvRows(const Experiment& e);

/// The shortest of %.15g / %.16g / %.17g that reads back to the same double ("" for NaN).
std::string FormatNumber(double v);
/// A CSV field, quoted (RFC 4180) when it holds a comma, quote or line break.
std::string CsvField(const std::string& s);

// ---- Small helpers ---------------------------------------------------------------------------------

/// "just now", "5 minutes ago", "yesterday", "3 days ago" for an age in seconds.
std::string DescribeAge(double seconds);
/// A file name from a scenario name: letters, digits, '-' and '_' kept, spaces to '_'
/// ("CIO reports to CFO" -> "CIO_reports_to_CFO"); "scenario" when nothing is left.
std::string FileStem(const std::string& name);

}  // namespace orgsim::ui
