// files.h: files and sharing: open (file picker, drag and drop), save, autosave to browser
// storage and restore on reload, share links (the workspace and seed in the URL), CSV export of a
// run, PNG export of the current view, and the problems dialog for corrupt files or links. The
// shell owns one FilesMenu and calls it as documented below.
#pragma once

#include "imgui.h"
#include "web/ui.h"

namespace orgsim::ui {

class FilesMenu {
public:
    /// Once, before the first frame, after the default scenario is open: restore what the user
    /// had (share link in the URL, else autosave), or keep the default.
    void Startup(Ui& ui);
    /// Every frame (before panels): take dropped or picked files, autosave after changes, draw the
    /// problems dialog when the last file or link was rejected.
    void Frame(Ui& ui);
    /// Draw the file buttons (Open, Save, Share, Export) in a row starting at pos with the given
    /// height; returns the width used. Hidden in presentation mode (the shell does not call it).
    float DrawButtons(Ui& ui, ImVec2 pos, float height);
    /// After ImGui's draw data is rendered and before the frame is presented: read back pixels
    /// for a pending PNG export.
    void AfterRender();
};

}  // namespace orgsim::ui
