// make_seeds.cpp: writes seed inputs for the workspace and share-link fuzz targets (scripts/fuzz.sh):
// from every scenario file given that the reader accepts, a workspace document (file form and
// compact form), its share link "w=...", and the link's decoded bytes (LZ-compressed document);
// and one document holding the first four accepted scenarios side by side; for the classroom target,
// an assignment of the first two scenarios (file and link bytes) and a student's result code and file.
//
// Usage: fuzz_make_seeds <workspace-out-dir> <share-out-dir> <classroom-out-dir> <scenario.json>...
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/sweep.h"
#include "web/classroom.h"
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
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s <workspace-out-dir> <share-out-dir> <classroom-out-dir> <scenario.json>...\n", argv[0]);
        return 2;
    }
    const std::string ws_dir = argv[1], share_dir = argv[2], class_dir = argv[3];
    ui::Workspace all;
    ui::Assignment assignment;
    int written = 0;
    for (int i = 4; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const ReadResult r = ReadScenario(text.str());
        if (!r.ok()) continue;
        ui::Workspace ws;
        if (!ws.SetBaseline(*r.scenario, argv[i]).ok) continue;
        Emit(ws, ws_dir, share_dir, "seed" + std::to_string(written++));
        if (assignment.structures.size() < 2) assignment.structures.push_back(*r.scenario);
        if (all.Empty()) all.SetBaseline(*r.scenario, "default");
        else if (all.SlotCount() < ui::kMaxSlots) all.AddAlternative(*r.scenario, "file \"x, y\".json");
    }
    if (!all.Empty()) Emit(all, ws_dir, share_dir, "slots" + std::to_string(all.SlotCount()));
    if (assignment.structures.size() == 2) {
        assignment.title = "Seed";
        assignment.choose_structure = true;
        assignment.unlocked = {ParamId::SharedKpis, ParamId::SecurityShareOfIt};
        ui::Question q;
        q.outcome = SeriesId::TimeToMarket;
        assignment.questions = {q};
        assignment.rounds = 2;
        assignment.replications = 2;
        Write(class_dir + "/assignment.json", ui::WriteAssignment(assignment));
        std::string bytes;
        if (ui::Base64UrlDecode(ui::EncodeAssignmentFragment(assignment).substr(7), bytes, nullptr))
            Write(class_dir + "/assignment.bytes", bytes);
        ui::Submission s;
        s.model = kModelVersion;
        s.assignment = ui::AssignmentFingerprint(assignment);
        s.name = "Ada";
        s.predictions = {ui::Prediction{true, 1, 0.0}};
        s.decisions.structure = 1;
        s.decisions.rounds = {{{ParamId::SharedKpis, 1.0}}, {{ParamId::SecurityShareOfIt, 0.15}}};
        s.outcome_hash = 0x0123456789abcdefULL;
        s.reflection = "Seed";
        const std::string code = ui::EncodeResultCode(s);
        Write(class_dir + "/code.txt", code);
        if (ui::Base64UrlDecode(code.substr(5), bytes, nullptr)) Write(class_dir + "/code.bytes", bytes);
        Write(class_dir + "/submission.json", ui::WriteSubmissionFile(s));
    }
    std::printf("%d scenarios -> seeds in %s and %s\n", written, ws_dir.c_str(), share_dir.c_str());
    return written > 0 ? 0 : 1;
}
