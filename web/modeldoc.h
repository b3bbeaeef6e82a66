// modeldoc.h: the "How the model works" page: docs/model.md (embedded at build time) drawn by a small
// Markdown renderer beside a table of contents of its ## and ### headings. The subset: ATX headings,
// paragraphs, bullet and numbered lists (nested by indentation), **bold**, *emphasis*, `code`, links,
// pipe tables (drawn as ImGui tables), fenced code, quotes and rules. The parser is plain C++ (no ImGui);
// the panel lays the text out once per width and font size, then draws it every frame.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "sim/params.h"
#include "web/ui.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// The document
//-----------------------------------------------------------------------------------------------
/// How a piece of inline text is drawn.
enum class MdStyle { Plain, Strong, Emphasis, Code, Link };

struct MdSpan {
    MdStyle style = MdStyle::Plain;
    std::string text;
    std::string href;  ///< links only: the target as written ("#anchor", "parameters.md", "https://...")
};

enum class MdBlockKind { Heading, Paragraph, Bullet, Numbered, Quote, Code, Table, Rule };

struct MdBlock {
    MdBlockKind kind = MdBlockKind::Paragraph;
    int level = 0;                ///< Heading: 1..6; Bullet/Numbered: nesting depth 0..3
    std::string marker;           ///< Numbered: "3."
    std::vector<MdSpan> spans;    ///< the inline text (Heading, Paragraph, Bullet, Numbered, Quote)
    std::string code;             ///< Code: the lines as written
    /// Table: rows of cells, the header row first; every row has the header's number of cells.
    std::vector<std::vector<std::vector<MdSpan>>> rows;
    std::vector<int> align;       ///< Table: per column -1 left, 0 centre, 1 right
    std::string title;            ///< Heading: its text without markup
    std::string anchor;           ///< Heading: GitHub-style slug, unique in the document ("-1", "-2" appended)
};

struct MdDocument {
    std::vector<MdBlock> blocks;
};

/// Parse Markdown text (the subset above; anything else is kept as paragraph text). Never fails.
MdDocument ParseMarkdown(std::string_view text);
/// Inline markup of one block's text.
std::vector<MdSpan> ParseInline(std::string_view text);
/// A heading's anchor as GitHub makes it: lower case, spaces to '-', punctuation other than '-' and
/// '_' dropped ("Time, chance & replications" -> "time-chance--replications").
std::string MdSlug(std::string_view title);

/// Where the page opens for a parameter: candidates separated by '|', most specific first (its key,
/// its label, words of its mechanism group), for ModelDocPanel::Open.
std::string DocTopics(const ParamInfo& info);

//-----------------------------------------------------------------------------------------------
// The page
//-----------------------------------------------------------------------------------------------
class ModelDocPanel {
public:
    /// Draw the page (table of contents and document) into the screen rectangle pos/size. The
    /// document is read on the first call from <assets>/docs/model.md in the browser and from the
    /// source tree on the desktop (PlatformModelDocPath).
    void Draw(Ui& ui, ImVec2 pos, ImVec2 size);

    /// Show the document at a heading. `where` lists candidates separated by '|', tried in order;
    /// each is a heading's anchor ("shadow-it"), its title, or a part of its title from the start of
    /// a word (case-insensitive; ### headings under a ## "Submodels" or "Mechanisms" first, then ##
    /// and ###, then deeper, then #). Empty, or nothing matches: the top. `back` is the view the
    /// page's Back button (and Esc) returns to.
    void Open(const std::string& where, View back);
    /// The view to return to.
    View Back() const { return back_; }
    /// True while the page settles over the next frames (tables' columns, the scroll held at a
    /// heading, a link to follow): the app keeps drawing until it is done.
    bool Busy() const { return settle_frames_ > 0 || scroll_frames_ > 0 || open_pending_; }

private:
    /// A piece of laid-out text: one run of one style on one line, at an offset from its block.
    struct Piece {
        ImFont* font = nullptr;
        MdStyle style = MdStyle::Plain;
        std::string text;
        std::string href;
        float x = 0.0f, y = 0.0f, w = 0.0f;
        float pad_l = 0.0f;  ///< code: room for the chip before the text
    };
    struct Laid {
        std::vector<Piece> pieces;
        float height = 0.0f;
        float line_h = 0.0f;
    };
    /// A table's cells laid out for its column widths (kept while the widths stay the same).
    struct TableCache {
        std::vector<float> weights;  ///< stretch weight per column (natural width, capped)
        float natural_w = 0.0f;      ///< width the table wants, logical pixels
        std::vector<float> widths;   ///< column widths the cells were laid out for
        std::vector<std::vector<Laid>> cells;
        std::vector<std::vector<std::string>> said;  ///< each cell's plain text, for assistive technology
        float height = -1.0f;        ///< as drawn last (-1: not drawn yet); off screen it is skipped
    };

    void Load(const Ui& ui);
    /// Resolve a pending Open() to a heading index (-1: the top).
    void Resolve();
    void Layout(const Ui& ui, float text_w);
    Laid LayoutSpans(const std::vector<MdSpan>& spans, ImFont* regular, ImFont* strong, float max_w, float line_h) const;
    void DrawLaid(const Ui& ui, ImDrawList* dl, const Laid& laid, ImVec2 origin, ImU32 text_colour);
    void DrawToc(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawDocument(Ui& ui, ImVec2 pos, ImVec2 size);
    void DrawTable(Ui& ui, std::size_t block, float max_w);

    bool loaded_ = false;
    std::string path_;
    std::string error_;              ///< why the document is missing ("" when loaded)
    MdDocument doc_;
    std::string title_;              ///< the first # heading ("How the model works" without one)
    std::vector<std::size_t> toc_;   ///< blocks that are ## or ### headings

    // Layout, per block (text blocks only; tables have their own cache).
    float layout_w_ = -1.0f;
    float layout_font_ = -1.0f;
    int layout_fonts_ = -1;  ///< Theme::FontGeneration() the pieces' fonts belong to
    std::vector<Laid> laid_;
    std::vector<TableCache> tables_;  ///< per block (empty for other kinds)
    std::vector<float> block_y_;      ///< where each block started last frame (window content y)
    int settle_frames_ = 0;           ///< frames left drawing every table (their columns settle)

    // Navigation.
    View back_ = View::Design;
    bool open_pending_ = false;
    std::string where_;               ///< the last Open()'s candidates
    std::string match_;               ///< which candidate matched ("" = none: the top)
    int target_ = -1;                 ///< heading block to show (-1 = the top)
    int scroll_frames_ = 0;           ///< frames left to hold the scroll at the target (tables settle)
    bool hold_target_ = false;        ///< the reader has not scrolled away from the target since
    float held_scroll_ = -1.0f;       ///< the scroll the target settled at (-1: not yet read)
    float scroll_y_ = 0.0f, scroll_max_ = 0.0f;
    int current_ = -1;                ///< the ## / ### heading the reader is in (block index)
    int toc_scrolled_to_ = -1;        ///< ToC entry last scrolled into view
};

}  // namespace orgsim::ui
