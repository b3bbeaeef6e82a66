// make_seeds.cpp: writes seed inputs for the workspace and share-link fuzz targets (scripts/fuzz.sh):
// from every scenario file given that the reader accepts, a workspace document (file form and
// compact form), its share link "w=...", and the link's decoded bytes (LZ-compressed document);
// and one document holding the first four accepted scenarios side by side.
//
// Usage: fuzz_make_seeds <workspace-out-dir> <share-out-dir> <scenario.json>...
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "web/persist.h"
#include "web/workspace.h"

using namespace orgsim;

namespace {
void Write(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
}

void Emit(const ui::Workspace& ws, const std::string& ws_dir, const std::string& share_dir, const std::string& stem) {
    Write(ws_dir + "/" + stem + ".workspace.json", ui::WriteWorkspace(ws, 1763900000.0, false));
    Write(ws_dir + "/" + stem + ".compact.json", ui::WriteWorkspace(ws, 0.0, true));
    const std::string link = ui::EncodeShareFragment(ws);
    Write(share_dir + "/" + stem + ".link", link);
    std::string bytes;
    if (ui::Base64UrlDecode(link.substr(2), bytes, nullptr)) Write(share_dir + "/" + stem + ".bytes", bytes);
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s <workspace-out-dir> <share-out-dir> <scenario.json>...\n", argv[0]);
        return 2;
    }
    const std::string ws_dir = argv[1], share_dir = argv[2];
    ui::Workspace all;
    int written = 0;
    for (int i = 3; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const ReadResult r = ReadScenario(text.str());
        if (!r.ok()) continue;
        ui::Workspace ws;
        if (!ws.SetBaseline(*r.scenario, argv[i]).ok) continue;
        Emit(ws, ws_dir, share_dir, "seed" + std::to_string(written++));
        if (all.Empty()) all.SetBaseline(*r.scenario, "default");
        else if (all.SlotCount() < ui::kMaxSlots) all.AddAlternative(*r.scenario, "file \"x, y\".json");
    }
    if (!all.Empty()) Emit(all, ws_dir, share_dir, "slots" + std::to_string(all.SlotCount()));
    std::printf("%d scenarios -> seeds in %s and %s\n", written, ws_dir.c_str(), share_dir.c_str());
    return written > 0 ? 0 : 1;
}
