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
#include "sim/sweep.h"
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
enum class FileKind { Scenario, Workspace, SweepResult };
struct OpenedFile {
    FileKind kind = FileKind::Scenario;
    std::optional<Scenario> scenario;      ///< kind == Scenario and no problems
    std::optional<WorkspaceDoc> workspace; ///< kind == Workspace and no problems
    std::optional<orgsim::SweepResult> sweep;  ///< kind == SweepResult and no problems
    std::vector<Problem> problems;
    std::vector<Problem> notices;          ///< opened, but the user should know (e.g. a removed parameter)
    bool ok() const { return problems.empty() && (scenario || workspace || sweep); }
};
/// Read a file that is a scenario or a workspace (told apart by its "format"), or a merged sweep
/// result (`orgsim merge`'s CSV, first line "# orgsim-sweep"); refuses JSON over kMaxOpenBytes and a
/// sweep result over kMaxSweepResultBytes before parsing.
OpenedFile ReadAnyFile(const std::string& text);

// ---- Share links -----------------------------------------------------------------------------------
// "#w=<base64url>": the compact workspace document, stored either as is (first byte '{') or
// compressed with CompressLz (first byte kLzTag), whichever is shorter.

constexpr char kLzTag = '\x01';

/// The fragment (without '#') that reopens the workspace: "w=...".
std::string EncodeShareFragment(const Workspace& ws);
/// True when a URL fragment (with or without '#') carries a workspace ("w=...").
bool IsShareFragment(const std::string& fragment);
/// The value of "key" (e.g. "w=", "assign=") among a URL fragment's '&'-separated parameters (a
/// leading '#' is skipped); *found says whether the key was there.
std::string FragmentParam(const std::string& fragment, const std::string& key, bool* found);
/// A document's text as a link parameter: key + base64url of the text or its LZ form, the shorter.
std::string EncodeFragmentText(const std::string& key, const std::string& text);
/// The text of EncodeFragmentText back from a fragment, within kMaxOpenBytes; false with a problem
/// for a person (naming `what` the link should hold) when it is missing, cut off or damaged.
bool DecodeFragmentText(const std::string& fragment, const std::string& key, const std::string& what, std::string& text,
                        std::string& problem);
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

// ---- Autosave in two generations -------------------------------------------------------------------
// The autosave is written alternately into two storage keys, each holding one generation:
//   "orgsim-autosave/2 <generation> <bytes> <fnv1a-64, 16 hex digits>\n<compact workspace document>"
// A write goes to the key that does not hold the last good copy, so a write that fails or is cut off
// never touches that copy. At startup both keys are verified and the newest valid copy is offered;
// the byte count catches a cut-off write, the checksum damaged bytes, the reader anything else.

constexpr const char* kAutosaveFormat = "orgsim-autosave/2";

/// One stored generation: the header line, then the document as is.
std::string EncodeAutosave(std::uint32_t generation, const std::string& document);
/// True when generation a was written after b. Generations count writes and wrap around (0 follows
/// 0xFFFFFFFF): compared with serial-number arithmetic (RFC 1982), valid while they differ by less
/// than 2^31 (two keys hold consecutive generations).
bool NewerGeneration(std::uint32_t a, std::uint32_t b);

/// One key's stored text, verified.
struct AutosaveCopy {
    bool valid = false;               ///< header, length, checksum and document all good
    bool header_ok = false;           ///< the header was readable (generation is known)
    std::uint32_t generation = 0;     ///< from the header
    std::optional<WorkspaceDoc> doc;  ///< set when valid
    std::string problem;              ///< why it is not valid ("" when valid)
};
/// Verify one stored generation: header, byte length, checksum, then ReadWorkspace.
AutosaveCopy VerifyAutosave(const std::string& stored);

/// What startup can restore from the two keys (std::nullopt = key absent) and the single-key
/// autosave of earlier versions (legacy: a plain workspace document, used only when neither key
/// holds a valid copy).
struct AutosaveChoice {
    int source = -1;                   ///< 0 / 1 = that key, 2 = the legacy key, -1 = nothing to restore
    std::optional<WorkspaceDoc> doc;   ///< set when source >= 0
    std::uint32_t generation = 0;      ///< of the chosen copy (0 for legacy)
    bool newest_damaged = false;       ///< a copy that may be newer was stored but is damaged: tell the user
    bool all_damaged = false;          ///< something was stored, nothing could be read
    std::string problem;               ///< why the damaged copy was refused ("key N: ...")
    int write_key = 0;                 ///< key of the next write: never the one holding the chosen copy
    std::uint32_t next_generation = 1; ///< of the next write: after every readable generation
};
AutosaveChoice ChooseAutosave(const std::optional<std::string>& key0, const std::optional<std::string>& key1,
                              const std::optional<std::string>& legacy);

/// What a restore brings back, in one line: "3 scenarios, saved 12 minutes ago" (age in seconds;
/// negative = unknown, then only the count).
std::string DescribeRestore(const WorkspaceDoc& doc, double age_seconds);

// ---- Small helpers ---------------------------------------------------------------------------------

/// "just now", "5 minutes ago", "yesterday", "3 days ago" for an age in seconds.
std::string DescribeAge(double seconds);
/// A file name from a scenario name: letters, digits, '-' and '_' kept, spaces to '_'
/// ("CIO reports to CFO" -> "CIO_reports_to_CFO"); "scenario" when nothing is left.
std::string FileStem(const std::string& name);

}  // namespace orgsim::ui
