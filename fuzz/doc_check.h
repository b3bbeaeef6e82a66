// doc_check.h: the round-trip property shared by the workspace and share-link fuzz targets: a
// workspace document the reader accepts opens in a Workspace, and what the Workspace writes back
// reads as the same document, and writes the same text again.
#pragma once

#include <string>

#include "fuzz/fuzz_check.h"
#include "web/persist.h"
#include "web/workspace.h"

namespace orgsim::fuzz {

inline bool SameDoc(const ui::WorkspaceDoc& a, const ui::WorkspaceDoc& b) {
    if (a.active != b.active || a.saved_at != b.saved_at || a.slots.size() != b.slots.size()) return false;
    for (std::size_t i = 0; i < a.slots.size(); ++i)
        if (a.slots[i].origin != b.slots[i].origin || !(a.slots[i].scenario == b.slots[i].scenario)) return false;
    return true;
}

/// Open `doc` in a fresh Workspace; check its document and its share link read back as `doc`.
inline void CheckRoundTrip(const ui::WorkspaceDoc& doc) {
    ui::Workspace ws;
    const ui::EditResult applied = ui::ApplyWorkspace(ws, doc);
    ORGSIM_FUZZ_CHECK(applied.ok, applied.message);
    for (bool compact : {false, true}) {
        const std::string text = ui::WriteWorkspace(ws, doc.saved_at, compact);
        const ui::DocResult again = ui::ReadWorkspace(text);
        ORGSIM_FUZZ_CHECK(again.ok(), again.Report() + text);
        ORGSIM_FUZZ_CHECK(SameDoc(*again.doc, doc), text);
        ui::Workspace ws2;
        ORGSIM_FUZZ_CHECK(ui::ApplyWorkspace(ws2, *again.doc).ok, text);
        ORGSIM_FUZZ_CHECK(ui::WriteWorkspace(ws2, doc.saved_at, compact) == text, text);
    }
    const std::string link = ui::EncodeShareFragment(ws);
    const ui::DocResult opened = ui::DecodeShareFragment(link);
    ORGSIM_FUZZ_CHECK(opened.ok(), opened.Report() + link);
    ui::WorkspaceDoc without_time = doc;
    without_time.saved_at = 0.0;  // a link does not carry the autosave time
    ORGSIM_FUZZ_CHECK(SameDoc(*opened.doc, without_time), link);
}

}  // namespace orgsim::fuzz
