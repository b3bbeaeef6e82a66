// fuzz_workspace.cpp: libFuzzer target for the workspace document reader (ReadWorkspace,
// web/persist.h: files, autosave) and the app's file opener that tells a workspace from a scenario
// (ReadAnyFile). Any input: clean answers that agree with each other; a document either accepts
// survives open -> write -> read (file and compact form) and its share link unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/doc_check.h"
#include "fuzz/fuzz_check.h"
#include "web/persist.h"

using namespace orgsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ui::DocResult r = ui::ReadWorkspace(text);
    fuzz::CheckClean(r.ok(), r.problems);
    const ui::OpenedFile f = ui::ReadAnyFile(text);
    fuzz::CheckClean(f.ok(), f.problems);
    ORGSIM_FUZZ_CHECK(f.ok() == (f.scenario.has_value() || f.workspace.has_value()), text);
    if (r.ok()) {
        ORGSIM_FUZZ_CHECK(f.ok() && f.kind == ui::FileKind::Workspace && fuzz::SameDoc(*f.workspace, *r.doc), text);
        fuzz::CheckRoundTrip(*r.doc);
    }
    if (f.ok() && f.kind == ui::FileKind::Workspace) fuzz::CheckRoundTrip(*f.workspace);
    return 0;
}
