// files.cpp: see files.h.
#include "web/files.h"

namespace orgsim::ui {

void FilesMenu::Startup(Ui&) {}
void FilesMenu::Frame(Ui&) {}
float FilesMenu::DrawButtons(Ui&, ImVec2, float) { return 0.0f; }
void FilesMenu::AfterRender() {}

}  // namespace orgsim::ui
