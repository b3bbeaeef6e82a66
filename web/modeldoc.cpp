// modeldoc.cpp: the "How the model works" page (see modeldoc.h).
//
// [SECTION] Markdown: blocks
// [SECTION] Markdown: inline markup, anchors
// [SECTION] Where a parameter's documentation is
// [SECTION] Page: loading, finding headings, layout
// [SECTION] Page: drawing
#include "web/modeldoc.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "web/platform.h"
#include "web/services.h"
#include "web/widgets.h"

namespace orgsim::ui {

//-----------------------------------------------------------------------------------------------
// [SECTION] Markdown: blocks
//-----------------------------------------------------------------------------------------------
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) >= 0x80); }

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (IsSpace(s.front()) || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

/// Columns of leading white space (a tab counts 4).
int Indent(std::string_view s) {
    int n = 0;
    for (const char c : s) {
        if (c == ' ') ++n;
        else if (c == '\t') n += 4;
        else break;
    }
    return n;
}

bool IsBlank(std::string_view s) { return Trim(s).empty(); }

/// "---", "***", "___" (three or more, spaces allowed).
bool IsRule(std::string_view s) {
    s = Trim(s);
    if (s.size() < 3 || Indent(s) > 3) return false;
    const char m = s.front();
    if (m != '-' && m != '*' && m != '_') return false;
    int count = 0;
    for (const char c : s) {
        if (c == m) ++count;
        else if (!IsSpace(c)) return false;
    }
    return count >= 3;
}

/// A code fence ("```" or "~~~", up to three spaces in); its character and length.
bool IsFence(std::string_view s, char* ch, std::size_t* len) {
    if (Indent(s) > 3) return false;
    s = Trim(s);
    if (s.size() < 3 || (s[0] != '`' && s[0] != '~')) return false;
    std::size_t n = 0;
    while (n < s.size() && s[n] == s[0]) ++n;
    if (n < 3) return false;
    *ch = s[0];
    *len = n;
    return true;
}

/// "## Title ##" -> level 2, "Title".
int HeadingLevel(std::string_view s, std::string_view* text) {
    if (Indent(s) > 3) return 0;
    s = Trim(s);
    int level = 0;
    while (level < static_cast<int>(s.size()) && s[static_cast<std::size_t>(level)] == '#') ++level;
    if (level < 1 || level > 6) return 0;
    if (static_cast<std::size_t>(level) < s.size() && !IsSpace(s[static_cast<std::size_t>(level)])) return 0;
    std::string_view t = Trim(s.substr(static_cast<std::size_t>(level)));
    // A closing run of '#' (preceded by a space) is not part of the title.
    std::size_t end = t.size();
    while (end > 0 && t[end - 1] == '#') --end;
    if (end == 0 || IsSpace(t[end - 1])) t = Trim(t.substr(0, end));
    *text = t;
    return level;
}

/// "- text", "* text", "+ text": indentation and text.
bool BulletItem(std::string_view s, int* indent, std::string_view* text) {
    const int ind = Indent(s);
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return false;
    const std::string_view t = s.substr(first);
    if (t.size() < 2 || (t[0] != '-' && t[0] != '*' && t[0] != '+') || !IsSpace(t[1])) return false;
    if (IsRule(s)) return false;  // "* * *"
    *indent = ind;
    *text = Trim(t.substr(2));
    return true;
}

/// "12. text" or "12) text": indentation, marker ("12.") and text.
bool NumberedItem(std::string_view s, int* indent, std::string* marker, std::string_view* text) {
    const int ind = Indent(s);
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return false;
    std::string_view t = s.substr(first);
    std::size_t n = 0;
    while (n < t.size() && n < 9 && std::isdigit(static_cast<unsigned char>(t[n]))) ++n;
    if (n == 0 || n + 1 >= t.size() || (t[n] != '.' && t[n] != ')') || !IsSpace(t[n + 1])) return false;
    *indent = ind;
    *marker = std::string(t.substr(0, n)) + ".";
    *text = Trim(t.substr(n + 2));
    return true;
}

bool IsQuote(std::string_view s) { return Indent(s) <= 3 && !Trim(s).empty() && Trim(s).front() == '>'; }

/// A table's delimiter row: "|---|:---:|---:|".
bool IsTableDelimiter(std::string_view s) {
    s = Trim(s);
    if (s.find('|') == std::string_view::npos || s.find('-') == std::string_view::npos) return false;
    for (const char c : s)
        if (c != '|' && c != '-' && c != ':' && !IsSpace(c)) return false;
    return true;
}

/// Cells of a table row: outer pipes dropped; "\|" and pipes inside `code` do not split.
std::vector<std::string> SplitRow(std::string_view s) {
    s = Trim(s);
    if (!s.empty() && s.front() == '|') s.remove_prefix(1);
    if (!s.empty() && s.back() == '|' && (s.size() < 2 || s[s.size() - 2] != '\\')) s.remove_suffix(1);
    std::vector<std::string> cells;
    std::string cur;
    bool in_code = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && s[i + 1] == '|') {
            cur += '|';
            ++i;
        } else if (c == '`') {
            in_code = !in_code;
            cur += c;
        } else if (c == '|' && !in_code) {
            cells.emplace_back(Trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    cells.emplace_back(Trim(cur));
    return cells;
}

bool StartsTable(const std::vector<std::string_view>& lines, std::size_t i) {
    return i + 1 < lines.size() && lines[i].find('|') != std::string_view::npos && IsTableDelimiter(lines[i + 1]);
}

/// True when the line begins a block other than a paragraph (it ends a paragraph or a list item).
bool StartsBlock(const std::vector<std::string_view>& lines, std::size_t i) {
    const std::string_view s = lines[i];
    std::string_view text;
    std::string marker;
    int indent = 0;
    char ch = 0;
    std::size_t len = 0;
    return HeadingLevel(s, &text) > 0 || IsFence(s, &ch, &len) || IsRule(s) || BulletItem(s, &indent, &text) ||
           NumberedItem(s, &indent, &marker, &text) || IsQuote(s) || StartsTable(lines, i) || Trim(s).substr(0, 4) == "<!--";
}

std::string PlainText(const std::vector<MdSpan>& spans) {
    std::string out;
    for (const MdSpan& s : spans) out += s.text;
    return out;
}

}  // namespace

MdDocument ParseMarkdown(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    MdDocument doc;
    std::vector<int> list_indents;  // indentation of each open list level
    auto add = [&](MdBlockKind kind, int level, std::string_view inline_text) -> MdBlock& {
        MdBlock b;
        b.kind = kind;
        b.level = level;
        b.spans = ParseInline(inline_text);
        doc.blocks.push_back(std::move(b));
        return doc.blocks.back();
    };
    const std::size_t n = lines.size();
    std::size_t i = 0;
    while (i < n) {
        const std::string_view line = lines[i];
        if (IsBlank(line)) {
            ++i;
            continue;
        }
        std::string_view t;
        std::string marker;
        int indent = 0;
        char fence = 0;
        std::size_t fence_len = 0;
        const bool is_list = BulletItem(line, &indent, &t) || NumberedItem(line, &indent, &marker, &t);
        if (!is_list) list_indents.clear();

        if (Trim(line).substr(0, 4) == "<!--") {  // an HTML comment: not shown
            while (i < n && lines[i].find("-->") == std::string_view::npos) ++i;
            ++i;
            continue;
        }
        if (IsFence(line, &fence, &fence_len)) {
            MdBlock b;
            b.kind = MdBlockKind::Code;
            ++i;
            while (i < n) {
                char f2 = 0;
                std::size_t l2 = 0;
                if (IsFence(lines[i], &f2, &l2) && f2 == fence && l2 >= fence_len && Trim(lines[i]).size() == l2) {
                    ++i;
                    break;
                }
                if (!b.code.empty()) b.code += '\n';
                b.code += lines[i];
                ++i;
            }
            doc.blocks.push_back(std::move(b));
            continue;
        }
        if (const int level = HeadingLevel(line, &t); level > 0) {
            add(MdBlockKind::Heading, level, t);
            ++i;
            continue;
        }
        if (IsRule(line)) {
            MdBlock b;
            b.kind = MdBlockKind::Rule;
            doc.blocks.push_back(std::move(b));
            ++i;
            continue;
        }
        if (StartsTable(lines, i)) {
            MdBlock b;
            b.kind = MdBlockKind::Table;
            const std::vector<std::string> header = SplitRow(lines[i]);
            for (const std::string& cell : SplitRow(lines[i + 1])) {
                const bool left = !cell.empty() && cell.front() == ':', right = !cell.empty() && cell.back() == ':';
                b.align.push_back(left && right ? 0 : right ? 1 : -1);
            }
            b.align.resize(header.size(), -1);
            auto add_row = [&](const std::vector<std::string>& cells) {
                std::vector<std::vector<MdSpan>> row;
                for (std::size_t c = 0; c < header.size(); ++c) row.push_back(c < cells.size() ? ParseInline(cells[c]) : std::vector<MdSpan>{});
                b.rows.push_back(std::move(row));
            };
            add_row(header);
            i += 2;
            while (i < n && !IsBlank(lines[i]) && lines[i].find('|') != std::string_view::npos) add_row(SplitRow(lines[i++]));
            doc.blocks.push_back(std::move(b));
            continue;
        }
        if (IsQuote(line)) {
            std::string body;
            while (i < n && !IsBlank(lines[i]) && (IsQuote(lines[i]) || !StartsBlock(lines, i))) {
                std::string_view q = Trim(lines[i]);
                if (!q.empty() && q.front() == '>') q = Trim(q.substr(1));
                body += (body.empty() ? "" : " ") + std::string(q);
                ++i;
            }
            add(MdBlockKind::Quote, 0, body);
            continue;
        }
        if (is_list) {
            // Nesting from indentation: deeper than the open level opens a level, shallower closes.
            while (!list_indents.empty() && list_indents.back() > indent) list_indents.pop_back();
            if (list_indents.empty() || list_indents.back() < indent) list_indents.push_back(indent);
            const int level = std::min(3, static_cast<int>(list_indents.size()) - 1);
            std::string body(t);
            ++i;
            while (i < n && !IsBlank(lines[i]) && !StartsBlock(lines, i)) body += " " + std::string(Trim(lines[i++]));
            MdBlock& b = add(marker.empty() ? MdBlockKind::Bullet : MdBlockKind::Numbered, level, body);
            b.marker = marker;
            continue;
        }
        // A paragraph; a line of '=' or '-' under it makes it a heading (setext).
        std::string body(Trim(line));
        ++i;
        int setext = 0;
        while (i < n && !IsBlank(lines[i])) {
            const std::string_view u = Trim(lines[i]);
            if (!u.empty() && u.find_first_not_of('=') == std::string_view::npos) setext = 1;
            else if (u.size() >= 2 && u.find_first_not_of('-') == std::string_view::npos) setext = 2;
            if (setext) {
                ++i;
                break;
            }
            if (StartsBlock(lines, i)) break;
            body += " " + std::string(u);
            ++i;
        }
        add(setext ? MdBlockKind::Heading : MdBlockKind::Paragraph, setext, body);
    }
    // Titles and unique anchors of the headings.
    std::vector<std::string> seen;
    for (MdBlock& b : doc.blocks) {
        if (b.kind != MdBlockKind::Heading) continue;
        b.title = PlainText(b.spans);
        const std::string base = MdSlug(b.title);
        std::string anchor = base;
        for (int k = 1; std::find(seen.begin(), seen.end(), anchor) != seen.end(); ++k) anchor = base + "-" + std::to_string(k);
        seen.push_back(anchor);
        b.anchor = anchor;
    }
    return doc;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Markdown: inline markup, anchors
//-----------------------------------------------------------------------------------------------
namespace {

struct Entity {
    const char* name;
    const char* utf8;
};
constexpr Entity kEntities[] = {
    {"&amp;", "&"},  {"&lt;", "<"},  {"&gt;", ">"},  {"&quot;", "\""},  {"&nbsp;", " "},  {"&mdash;", "\xE2\x80\x94"},
    {"&ndash;", "\xE2\x80\x93"}, {"&hellip;", "\xE2\x80\xA6"}, {"&times;", "\xC3\x97"}, {"&rarr;", "\xE2\x86\x92"},
    {"&larr;", "\xE2\x86\x90"}, {"&le;", "\xE2\x89\xA4"}, {"&ge;", "\xE2\x89\xA5"}, {"&minus;", "\xE2\x88\x92"},
};

/// The position of the closing delimiter `delim` for an opening one ending at `from`: the next
/// occurrence not preceded by a space and outside `code`; for '_' not followed by a letter or
/// digit (intraword underscores, as in shadow_it_policy, are text). npos when there is none.
std::size_t FindClosing(std::string_view s, std::size_t from, std::string_view delim) {
    bool in_code = false;
    for (std::size_t j = from; j + delim.size() <= s.size(); ++j) {
        if (s[j] == '`') in_code = !in_code;
        if (in_code || s.compare(j, delim.size(), delim) != 0) continue;
        if (j == from || IsSpace(s[j - 1])) continue;
        const std::size_t after = j + delim.size();
        if (delim[0] == '_' && after < s.size() && IsAlnum(s[after])) continue;
        // A single '*' that is half of "**" belongs to a strong delimiter.
        if (delim.size() == 1 && after < s.size() && s[after] == delim[0]) {
            ++j;
            continue;
        }
        return j;
    }
    return std::string_view::npos;
}

void ParseInlineInto(std::string_view s, bool strong, bool emph, std::vector<MdSpan>& out) {
    std::string buf;
    const MdStyle style = strong ? MdStyle::Strong : emph ? MdStyle::Emphasis : MdStyle::Plain;
    auto flush = [&] {
        if (buf.empty()) return;
        if (!out.empty() && out.back().style == style && out.back().href.empty()) out.back().text += buf;
        else out.push_back({style, buf, {}});
        buf.clear();
    };
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = s[i];
        if (c == '\\' && i + 1 < n && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
            buf += s[i + 1];
            i += 2;
            continue;
        }
        if (c == '`') {
            std::size_t k = 0;
            while (i + k < n && s[i + k] == '`') ++k;
            const std::string_view run = s.substr(i, k);
            std::size_t j = i + k;
            for (;;) {
                j = s.find(run, j);
                if (j == std::string_view::npos) break;
                std::size_t m = 0;
                while (j + m < n && s[j + m] == '`') ++m;
                if (m == k) break;
                j += m;
            }
            if (j == std::string_view::npos) {
                buf += run;
                i += k;
                continue;
            }
            std::string code(s.substr(i + k, j - i - k));
            if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ' && code.find_first_not_of(' ') != std::string::npos)
                code = code.substr(1, code.size() - 2);
            flush();
            out.push_back({MdStyle::Code, code, {}});
            i = j + k;
            continue;
        }
        if (c == '[' || (c == '!' && i + 1 < n && s[i + 1] == '[')) {
            const std::size_t open = c == '!' ? i + 1 : i;
            int depth = 0;
            std::size_t close = std::string_view::npos;
            for (std::size_t j = open; j < n; ++j) {
                if (s[j] == '[') ++depth;
                else if (s[j] == ']' && --depth == 0) {
                    close = j;
                    break;
                }
            }
            if (close != std::string_view::npos && close + 1 < n && s[close + 1] == '(') {
                const std::size_t end = s.find(')', close + 2);
                if (end != std::string_view::npos) {
                    flush();
                    std::string label = PlainText(ParseInline(s.substr(open + 1, close - open - 1)));
                    std::string href(Trim(s.substr(close + 2, end - close - 2)));
                    if (const std::size_t sp = href.find(' '); sp != std::string::npos) href.resize(sp);  // drop a "title"
                    if (c == '!') out.push_back({MdStyle::Emphasis, label.empty() ? std::string("(image)") : label, {}});
                    else out.push_back({MdStyle::Link, label, href});
                    i = end + 1;
                    continue;
                }
            }
        }
        if (c == '<') {
            const std::size_t end = s.find('>', i);
            if (end != std::string_view::npos) {
                const std::string_view inner = s.substr(i + 1, end - i - 1);
                if ((inner.substr(0, 7) == "http://" || inner.substr(0, 8) == "https://") && inner.find(' ') == std::string_view::npos) {
                    flush();
                    out.push_back({MdStyle::Link, std::string(inner), std::string(inner)});
                    i = end + 1;
                    continue;
                }
            }
        }
        if (c == '&') {
            bool done = false;
            for (const Entity& e : kEntities)
                if (s.compare(i, std::strlen(e.name), e.name) == 0) {
                    buf += e.utf8;
                    i += std::strlen(e.name);
                    done = true;
                    break;
                }
            if (done) continue;
        }
        if (c == '*' || c == '_') {
            std::size_t k = 0;
            while (i + k < n && s[i + k] == c) ++k;
            const bool opens = i + k < n && !IsSpace(s[i + k]) && (c == '*' || i == 0 || !IsAlnum(s[i - 1]));
            if (opens && k >= 2) {
                const std::string delim(2, c);
                const std::size_t j = FindClosing(s, i + 2, delim);
                if (j != std::string_view::npos) {
                    flush();
                    ParseInlineInto(s.substr(i + 2, j - i - 2), true, emph, out);
                    i = j + 2;
                    continue;
                }
            }
            if (opens && k == 1) {
                const std::size_t j = FindClosing(s, i + 1, std::string(1, c));
                if (j != std::string_view::npos) {
                    flush();
                    ParseInlineInto(s.substr(i + 1, j - i - 1), strong, true, out);
                    i = j + 1;
                    continue;
                }
            }
            buf.append(k, c);
            i += k;
            continue;
        }
        buf += c;
        ++i;
    }
    flush();
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// True when `needle` occurs in `hay` starting at a word boundary (both lower case).
bool ContainsWord(const std::string& hay, const std::string& needle) {
    if (needle.empty()) return false;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1))
        if (p == 0 || !IsAlnum(hay[p - 1])) return true;
    return false;
}

}  // namespace

std::vector<MdSpan> ParseInline(std::string_view text) {
    std::vector<MdSpan> out;
    ParseInlineInto(text, false, false, out);
    return out;
}

std::string MdSlug(std::string_view title) {
    std::string out;
    for (const char ch : title) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || std::isalnum(c) || ch == '-' || ch == '_') out += static_cast<char>(std::tolower(c));
        else if (ch == ' ') out += '-';
    }
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Where a parameter's documentation is
//-----------------------------------------------------------------------------------------------
namespace {

// Words of a heading about each mechanism group, most specific first ("Levers" are by key below).
struct GroupTopics {
    ParamGroup group;
    const char* topics;
};
constexpr GroupTopics kGroupTopics[] = {
    {ParamGroup::Levers, "levers|lever"},
    {ParamGroup::Demand, "demand|ideas|idea|initiatives"},
    {ParamGroup::Routing, "routing|route|shadow|governance"},
    {ParamGroup::Portfolio, "portfolio|capacity|allocates|business case|approval"},
    {ParamGroup::Execution, "execution|delivery|deliver|teams"},
    {ParamGroup::Value, "value|revenue|customer"},
    {ParamGroup::Security, "security|incident|breach|fragmentation"},
    {ParamGroup::Trust, "trust|collaboration|relationship"},
    {ParamGroup::People, "people|employees|employee|turnover|morale|hiring"},
    {ParamGroup::Executives, "executives|executive|pressure|tenure|scorecard"},
    {ParamGroup::Budget, "budget|ledger|money"},
    {ParamGroup::Environment, "environment|market|digital pace"},
};

// The levers each belong to a mechanism of their own.
struct KeyTopics {
    const char* key;
    const char* topics;
};
// The levers each act through a mechanism of their own: its words first, then the group's.
constexpr KeyTopics kLeverTopics[] = {
    {"martech_budget_owner", "martech budget|budget owner|martech|routing|route|budget"},
    {"shadow_it_policy", "shadow|routing|route|governance"},
    {"business_case_threshold_kusd", "business case|business-case|approval|portfolio"},
    {"approval_cadence_weeks", "approval|cadence|business case|portfolio"},
    {"shared_kpis", "shared kpi|kpi|scorecard|trust|collaboration"},
    {"co_location", "co-location|colocation|location|trust|collaboration"},
    {"steering_council_weeks", "steering|council|joint team|trust|collaboration"},
    {"cross_skilled_hiring_share", "cross-skill|cross skill|hiring|hires|skills|people"},
    {"security_share_of_it", "security"},
    {"digital_pace", "digital pace|pace|environment|market"},
    {"revenue_musd", "revenue|value|ledger"},
    {"start_small_weeks", "start small|joint team|routing|route"},
};

}  // namespace

std::string DocTopics(const ParamInfo& info) {
    std::string out = std::string(info.key) + "|" + info.label;
    for (const KeyTopics& k : kLeverTopics)
        if (std::strcmp(k.key, info.key) == 0) out += std::string("|") + k.topics;
    out += std::string("|") + GroupName(info.group);
    for (const GroupTopics& g : kGroupTopics)
        if (g.group == info.group) out += std::string("|") + g.topics;
    return out;
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Page: loading, finding headings, layout
//-----------------------------------------------------------------------------------------------
namespace {

const char* ViewName(View v) {
    switch (v) {
        case View::Gallery: return "Gallery";
        case View::Design: return "Design";
        case View::Results: return "Results";
        case View::Compare: return "Compare";
        case View::Library: return "Library";
        case View::Sensitivity: return "Sensitivity";
        case View::Class: return "Class";
        case View::Model: return "Design";
    }
    return "Design";
}

/// Colour of inline code: a hue apart from text and links in each theme (Okabe-Ito's reddish
/// purple, darker on light cards, lighter on dark ones).
ImU32 CodeColour(const Theme& t) { return t.Colours().code; }

// Vertical rhythm, design pixels.
constexpr float kTextMaxW = 760.0f;   ///< measure of paragraphs (about 80 characters of body text)
constexpr float kTableMaxW = 1100.0f;
constexpr float kListIndent = 26.0f;  ///< per list level
constexpr float kJumpMargin = 18.0f;  ///< a heading jumped to sits this far below the card's top (the rule above it out of view)

float TopMargin(const MdBlock& b) {
    if (b.kind != MdBlockKind::Heading) return b.kind == MdBlockKind::Rule ? 10.0f : 0.0f;
    switch (b.level) {
        case 1: return 34.0f;
        case 2: return 46.0f;
        case 3: return 28.0f;
        default: return 20.0f;
    }
}

float BottomMargin(const MdBlock& b, const MdBlock* next) {
    switch (b.kind) {
        case MdBlockKind::Heading: return b.level == 1 ? 16.0f : b.level == 2 ? 12.0f : 8.0f;
        case MdBlockKind::Paragraph: return 14.0f;
        case MdBlockKind::Bullet:
        case MdBlockKind::Numbered:
            return next && (next->kind == MdBlockKind::Bullet || next->kind == MdBlockKind::Numbered) ? 6.0f : 16.0f;
        case MdBlockKind::Quote: return 16.0f;
        case MdBlockKind::Code: return 18.0f;
        case MdBlockKind::Table: return 22.0f;
        case MdBlockKind::Rule: return 20.0f;
    }
    return 14.0f;
}

}  // namespace

void ModelDocPanel::Open(const std::string& where, View back) {
    if (back != View::Model) back_ = back;
    where_ = where;
    open_pending_ = true;
}

void ModelDocPanel::Load(const Ui& ui) {
    loaded_ = true;
    path_ = PlatformModelDocPath(ui.assets_dir);
    std::ifstream in(path_, std::ios::binary);
    if (!in) {
        error_ = "The model's documentation is not part of this build (" + path_ + " is missing).";
        title_ = "How the model works";
        return;
    }
    std::ostringstream text;
    text << in.rdbuf();
    doc_ = ParseMarkdown(text.str());
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
        const MdBlock& b = doc_.blocks[i];
        if (b.kind != MdBlockKind::Heading) continue;
        if (b.level == 1 && title_.empty()) title_ = b.title;
        if (b.level == 2 || b.level == 3) toc_.push_back(i);
    }
    if (title_.empty()) title_ = "How the model works";
    laid_.assign(doc_.blocks.size(), Laid{});
    tables_.assign(doc_.blocks.size(), TableCache{});
    block_y_.assign(doc_.blocks.size(), 0.0f);
}

void ModelDocPanel::Resolve() {
    open_pending_ = false;
    target_ = -1;
    match_.clear();
    const auto& blocks = doc_.blocks;
    std::string_view rest = where_;
    while (target_ < 0 && !rest.empty()) {
        const std::size_t bar = rest.find('|');
        const std::string cand(Trim(rest.substr(0, bar)));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        if (cand.empty()) continue;
        const std::string lower = Lower(cand), slug = MdSlug(cand);
        // An anchor or a whole title; then a part of a title: ## and ### headings in the part on the
        // mechanisms first (under a ## "Submodels" or "Mechanisms", as in the ODD protocol), then
        // any ## and ###, then deeper headings, then #.
        for (int pass = 0; pass < 5 && target_ < 0; ++pass) {
            bool in_mechanisms = false;
            for (std::size_t i = 0; i < blocks.size() && target_ < 0; ++i) {
                const MdBlock& b = blocks[i];
                if (b.kind != MdBlockKind::Heading) continue;
                const std::string title = Lower(b.title);
                if (b.level <= 2) in_mechanisms = ContainsWord(title, "submodel") || ContainsWord(title, "mechanism");
                const bool hit = pass == 0   ? b.anchor == cand || b.anchor == slug || title == lower
                                 : pass == 1 ? b.level == 3 && in_mechanisms && ContainsWord(title, lower)
                                 : pass == 2 ? (b.level == 2 || b.level == 3) && ContainsWord(title, lower)
                                 : pass == 3 ? b.level > 3 && ContainsWord(title, lower)
                                             : b.level == 1 && ContainsWord(title, lower);
                if (hit) {
                    target_ = static_cast<int>(i);
                    match_ = cand;
                }
            }
        }
    }
    scroll_frames_ = 3;  // hold the scroll for a few frames: the tables above settle their heights
    hold_target_ = true;
    held_scroll_ = -1.0f;
    current_ = target_;
}

ModelDocPanel::Laid ModelDocPanel::LayoutSpans(const std::vector<MdSpan>& spans, ImFont* regular, ImFont* strong, float max_w,
                                               float line_h) const {
    struct Atom {
        ImFont* font;
        const MdSpan* span;
        std::string text;
        float w, space_after, pad_l, pad_r;
    };
    std::vector<Atom> atoms;
    const float code_pad = std::round(FontSize(regular) * 0.22f);
    for (const MdSpan& s : spans) {
        ImFont* font = s.style == MdStyle::Strong ? strong : regular;
        const float space_w = TextSize(font, " ").x;
        const bool code = s.style == MdStyle::Code;
        std::size_t p = 0;
        const std::size_t first_atom = atoms.size();
        while (p < s.text.size()) {
            const std::size_t q = s.text.find(' ', p);
            if (q == p) {  // spaces: after the previous atom
                if (!atoms.empty()) atoms.back().space_after = std::max(atoms.back().space_after, space_w);
                ++p;
                continue;
            }
            const std::size_t end = q == std::string::npos ? s.text.size() : q;
            const std::string word = s.text.substr(p, end - p);
            atoms.push_back({font, &s, word, TextSize(font, word.c_str()).x, 0.0f, 0.0f, 0.0f});
            p = end;
        }
        if (code && atoms.size() > first_atom) {
            atoms[first_atom].pad_l = code_pad;
            atoms.back().pad_r = code_pad;
        }
    }
    Laid laid;
    laid.line_h = line_h;
    float x = 0.0f, y = 0.0f;
    for (std::size_t i = 0; i < atoms.size();) {
        // Atoms without a space between them (a word and its comma after **bold**) wrap together.
        std::size_t j = i;
        float group_w = atoms[i].pad_l + atoms[i].w + atoms[i].pad_r;
        while (j + 1 < atoms.size() && atoms[j].space_after == 0.0f) {
            ++j;
            group_w += atoms[j].pad_l + atoms[j].w + atoms[j].pad_r;
        }
        if (x > 0.0f && x + group_w > max_w) {
            x = 0.0f;
            y += line_h;
        }
        for (std::size_t k = i; k <= j; ++k) {
            const Atom& a = atoms[k];
            const float w = a.pad_l + a.w + a.pad_r;
            Piece* last = laid.pieces.empty() ? nullptr : &laid.pieces.back();
            const bool joined = k > 0 && atoms[k - 1].space_after > 0.0f;
            if (last && last->y == y && last->font == a.font && last->style == a.span->style && last->href == a.span->href &&
                std::fabs(last->x + last->w + (joined ? atoms[k - 1].space_after : 0.0f) - x) < 0.01f && a.pad_l == 0.0f) {
                last->text += (joined ? " " : "") + a.text;
                last->w = x + w - last->x;
            } else {
                laid.pieces.push_back({a.font, a.span->style, a.text, a.span->href, x, y, w, a.pad_l});
            }
            x += w + a.space_after;
        }
        i = j + 1;
    }
    laid.height = laid.pieces.empty() ? 0.0f : y + line_h;
    return laid;
}

void ModelDocPanel::Layout(const Ui& ui, float text_w) {
    const Theme& t = ui.theme;
    const Fonts& f = t.GetFonts();
    layout_w_ = text_w;
    layout_font_ = FontSize(f.body);
    layout_fonts_ = t.FontGeneration();
    settle_frames_ = 3;
    const float body_lh = std::round(FontSize(f.body) * 1.6f);
    for (std::size_t i = 0; i < doc_.blocks.size(); ++i) {
        const MdBlock& b = doc_.blocks[i];
        Laid& l = laid_[i];
        switch (b.kind) {
            case MdBlockKind::Heading: {
                ImFont* font = b.level == 1 ? f.display : b.level == 2 ? f.title : b.level == 3 ? f.heading : f.strong;
                l = LayoutSpans(b.spans, font, font, text_w, std::round(FontSize(font) * 1.3f));
                break;
            }
            case MdBlockKind::Paragraph: l = LayoutSpans(b.spans, f.body, f.strong, text_w, body_lh); break;
            case MdBlockKind::Quote: l = LayoutSpans(b.spans, f.body, f.strong, text_w - t.Dp(22), body_lh); break;
            case MdBlockKind::Bullet:
            case MdBlockKind::Numbered:
                l = LayoutSpans(b.spans, f.body, f.strong, text_w - t.Dp(kListIndent) * static_cast<float>(b.level + 1), body_lh);
                break;
            case MdBlockKind::Code: {
                l = Laid{};
                l.line_h = std::round(FontSize(f.body) * 1.45f);
                float y = 0.0f;
                std::size_t p = 0;
                do {
                    const std::size_t e = std::min(b.code.size(), b.code.find('\n', p));
                    l.pieces.push_back({f.body, MdStyle::Plain, b.code.substr(p, e - p), {}, 0.0f, y, 0.0f, 0.0f});
                    y += l.line_h;
                    p = e + 1;
                } while (p <= b.code.size());
                l.height = y;
                break;
            }
            case MdBlockKind::Table: {
                TableCache& tc = tables_[i];
                tc = TableCache{};
                const bool wide = b.rows.empty() || b.rows[0].size() > 4;
                ImFont* regular = wide ? f.small : f.body;
                ImFont* strong = wide ? f.label : f.strong;
                const std::size_t cols = b.rows.empty() ? 0 : b.rows[0].size();
                tc.weights.assign(cols, t.Dp(40));
                for (std::size_t r = 0; r < b.rows.size(); ++r)
                    for (std::size_t c = 0; c < cols; ++c) {
                        float w = 0.0f;
                        for (const MdSpan& s : b.rows[r][c])
                            w += TextSize(r == 0 || s.style == MdStyle::Strong ? strong : regular, s.text.c_str()).x;
                        tc.weights[c] = std::max(tc.weights[c], std::min(w + t.Dp(8), t.Dp(380)));
                    }
                tc.natural_w = 0.0f;
                for (const float w : tc.weights) tc.natural_w += w + t.Dp(26);
                tc.widths.assign(cols, -1.0f);
                tc.cells.assign(b.rows.size(), std::vector<Laid>(cols));
                break;
            }
            case MdBlockKind::Rule: l = Laid{}; break;
        }
    }
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Page: drawing
//-----------------------------------------------------------------------------------------------
void ModelDocPanel::DrawLaid(const Ui& ui, ImDrawList* dl, const Laid& laid, ImVec2 origin, ImU32 text_colour) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered();
    for (const Piece& pc : laid.pieces) {
        const float fs = FontSize(pc.font);
        const float ty = std::floor(origin.y + pc.y + (laid.line_h - fs) * 0.5f);
        const float x = origin.x + pc.x;
        if (pc.style == MdStyle::Code) {
            dl->AddRectFilled(ImVec2(x, ty - t.Dp(1)), ImVec2(x + pc.w, ty + fs + t.Dp(2)), t.Kind() == ThemeKind::Light ? p.control : p.control_hover,
                              t.Dp(4));
            DrawText(dl, pc.font, ImVec2(x + pc.pad_l, ty), CodeColour(t), pc.text.c_str());
        } else if (pc.style == MdStyle::Link) {
            const bool hovered = window_hovered && mouse.x >= x && mouse.x < x + pc.w && mouse.y >= ty && mouse.y < ty + fs + t.Dp(3);
            DrawText(dl, pc.font, ImVec2(x, ty), hovered ? p.accent_hover : p.accent, pc.text.c_str());
            dl->AddLine(ImVec2(x, ty + fs + t.Dp(1)), ImVec2(x + pc.w, ty + fs + t.Dp(1)), WithAlpha(p.accent, hovered ? 1.0f : 0.45f), 1.0f);
            if (hovered) {
                const bool internal = !pc.href.empty() && pc.href[0] == '#';
                if (internal) {
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) Open(pc.href.substr(1), back_);
                } else if (pc.href.rfind("https://", 0) == 0 || pc.href.rfind("http://", 0) == 0) {
                    // Outside links open in a new tab: the model page (and an embedding course page) stays.
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    Tooltip(t, "Opens in a new tab", pc.href);
                    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !services::OpenInNewTab(pc.href) && ui.notify)
                        ui.notify("The browser did not open a new tab: the address is " + pc.href, true);
                } else {
                    Tooltip(t, "", pc.href);
                }
            }
        } else if (pc.style == MdStyle::Emphasis) {
            // No italic face is loaded: slant the glyphs' vertices (a synthetic oblique).
            const int v0 = dl->VtxBuffer.Size;
            DrawText(dl, pc.font, ImVec2(x, ty), text_colour, pc.text.c_str());
            const float base = ty + fs * 0.8f;
            for (int v = v0; v < dl->VtxBuffer.Size; ++v) dl->VtxBuffer[v].pos.x += (base - dl->VtxBuffer[v].pos.y) * 0.18f;
        } else {
            DrawText(dl, pc.font, ImVec2(x, ty), text_colour, pc.text.c_str());
        }
    }
}

void ModelDocPanel::DrawTable(Ui& ui, std::size_t block, float max_w) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const MdBlock& b = doc_.blocks[block];
    TableCache& tc = tables_[block];
    const int cols = b.rows.empty() ? 0 : static_cast<int>(b.rows[0].size());
    if (cols == 0) return;
    const bool wide = cols > 4;
    ImFont* regular = wide ? f.small : f.body;
    ImFont* strong = wide ? f.label : f.strong;
    const float line_h = std::round(FontSize(regular) * 1.45f);
    const float width = std::min(max_w, tc.natural_w);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(t.Dp(13), t.Dp(wide ? 7 : 9)));
    ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ImGui::ColorConvertU32ToFloat4(p.card_border));
    ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ImGui::ColorConvertU32ToFloat4(p.axis));
    ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ImGui::ColorConvertU32ToFloat4(WithAlpha(p.control, t.Kind() == ThemeKind::Light ? 0.55f : 0.45f)));
    const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX | ImGuiTableFlags_NoSavedSettings;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    if (ImGui::BeginTable(("##mdtable" + std::to_string(block)).c_str(), cols, flags, ImVec2(width, 0.0f))) {
        for (int c = 0; c < cols; ++c) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthStretch, tc.weights[static_cast<std::size_t>(c)]);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        for (std::size_t r = 0; r < b.rows.size(); ++r) {
            ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : ImGuiTableRowFlags_None);
            for (int c = 0; c < cols; ++c) {
                const auto cu = static_cast<std::size_t>(c);
                ImGui::TableSetColumnIndex(c);
                const float cw = std::max(t.Dp(20), ImGui::GetContentRegionAvail().x);
                Laid& cell = tc.cells[r][cu];
                if (std::fabs(tc.widths[cu] - cw) > 0.5f) {
                    // The column's width changed: lay out its cells again (all rows, so they agree).
                    for (std::size_t rr = 0; rr < b.rows.size(); ++rr)
                        tc.cells[rr][cu] = LayoutSpans(b.rows[rr][cu], rr == 0 ? strong : regular, strong, cw, line_h);
                    tc.widths[cu] = cw;
                }
                ImVec2 o = ImGui::GetCursorScreenPos();
                if (b.align[cu] >= 0) {
                    float used = 0.0f;
                    for (const Piece& pc : cell.pieces) used = std::max(used, pc.x + pc.w);
                    o.x += b.align[cu] == 0 ? (cw - used) * 0.5f : cw - used;
                }
                if (ImGui::IsRectVisible(o, ImVec2(o.x + cw, o.y + cell.height)))
                    DrawLaid(ui, dl, cell, o, r == 0 ? p.text : p.text);
                ImGui::Dummy(ImVec2(0.0f, std::max(cell.height, line_h)));
            }
        }
        ImGui::EndTable();
    }
    // A firmer line under the header row.
    if (b.rows.size() > 1 && !tc.cells.empty()) {
        float head_h = 0.0f;
        for (const Laid& l : tc.cells[0]) head_h = std::max(head_h, l.height);
        head_h = std::max(head_h, line_h) + 2.0f * t.Dp(wide ? 7 : 9);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(top.x, top.y + head_h), ImVec2(top.x + width, top.y + head_h), p.axis, 1.0f);
    }
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
}

void ModelDocPanel::DrawDocument(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    const float pad_x = std::clamp(size.x * 0.045f, t.Dp(24), t.Dp(52));
    const float pad_y = t.Dp(30);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad_x, pad_y));
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, t.Dp(14));
    BeginCard("##modeldoc_body", pos, size, true);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ui.hooks.Record("ModelDoc:body", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float text_w = std::min(avail, t.Dp(kTextMaxW));
    const float table_w = std::min(avail, t.Dp(kTableMaxW));

    if (!error_.empty()) {
        ImGui::PushFont(f.title);
        ImGui::TextUnformatted("How the model works");
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, t.Dp(12)));
        ImGui::PushFont(f.body);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(p.text_muted));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
        ImGui::TextUnformatted(error_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::PopStyleVar();
        EndCard();
        ImGui::PopStyleVar(2);
        return;
    }
    if (layout_w_ != text_w || layout_font_ != FontSize(f.body) || layout_fonts_ != t.FontGeneration()) Layout(ui, text_w);

    // The reader's keys: arrows and page keys scroll (Space and the left/right arrows stay the run's).
    const ImGuiIO& io = ImGui::GetIO();
    const float scroll = ImGui::GetScrollY();
    const float view_h = size.y - 2.0f * pad_y;
    if (!io.WantTextInput && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
        float to = scroll;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) to += view_h * 0.85f;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) to -= view_h * 0.85f;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) to += t.Dp(64);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) to -= t.Dp(64);
        if (to != scroll) {
            ImGui::SetScrollY(std::clamp(to, 0.0f, ImGui::GetScrollMaxY()));
            scroll_frames_ = 0;
        }
    }
    if (ImGui::IsWindowHovered() && io.MouseWheel != 0.0f) scroll_frames_ = 0;  // the reader scrolls: stop holding

    const ImVec2 clip_min(pos.x, pos.y), clip_max(pos.x + size.x, pos.y + size.y);
    const float x0 = ImGui::GetCursorScreenPos().x;
    float gap = 0.0f;
    int headings = 0, tables = 0;
    std::string section;  // the last heading's text: names the tables under it
    const std::size_t n = doc_.blocks.size();
    for (std::size_t i = 0; i < n; ++i) {
        const MdBlock& b = doc_.blocks[i];
        if (i > 0) gap = std::max(gap, t.Dp(TopMargin(b)));
        if (gap > 0.0f) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + gap);
        block_y_[i] = ImGui::GetCursorPosY();
        const ImVec2 o(x0, ImGui::GetCursorScreenPos().y);
        const Laid& l = laid_[i];
        auto visible = [&](float h) { return o.y + h >= clip_min.y && o.y <= clip_max.y; };
        // The document for assistive technology: headings at their level, every paragraph, list item,
        // quote and code block as text, and every table as a table (column headers, rows, cells;
        // named after the section it is in), in order.
        if (ActiveSemantics() && b.kind == MdBlockKind::Table && !b.rows.empty()) {
            TableCache& tc = tables_[i];
            if (tc.said.empty()) {  // the cells' text, made once per layout rather than every frame
                for (const auto& cells : b.rows) {
                    tc.said.emplace_back();
                    for (const auto& cell : cells) {
                        std::string text;
                        for (const MdSpan& sp : cell) text += sp.text;
                        tc.said.back().push_back(std::move(text));
                    }
                }
            }
            const std::string id = "##sem_mdt_" + std::to_string(i);
            const float h = tc.height > 0.0f ? tc.height : t.Dp(40);
            SemPush(id.c_str(), SemRole::Table, section.empty() ? "Table" : "Table: " + section, o, ImVec2(o.x + text_w, o.y + h));
            for (std::size_t r = 0; r < b.rows.size(); ++r) {
                const std::string row = id + "r" + std::to_string(r);
                SemPush(row.c_str(), SemRole::Row, "");
                for (std::size_t c = 0; c < tc.said[r].size(); ++c)
                    SemAt((row + "c" + std::to_string(c)).c_str(), r == 0 ? SemRole::ColumnHeader : SemRole::Cell, tc.said[r][c], ImVec2(0, 0),
                          ImVec2(0, 0));
                SemPop();
            }
            SemPop();
        }
        if (b.kind == MdBlockKind::Heading) {
            section.clear();
            for (const MdSpan& sp : b.spans) section += sp.text;
        }
        if (ActiveSemantics() && b.kind != MdBlockKind::Table && b.kind != MdBlockKind::Rule) {
            std::string said;
            if (b.kind == MdBlockKind::Code) said = b.code;
            else
                for (const MdSpan& sp : b.spans) said += sp.text;
            if (b.kind == MdBlockKind::Numbered) said = b.marker + " " + said;
            SemNode node;
            if (b.kind == MdBlockKind::Heading) node.level = std::clamp(b.level + 1, 2, 6);
            SemAt(("##sem_md_" + std::to_string(i)).c_str(), b.kind == MdBlockKind::Heading ? SemRole::Heading : SemRole::Text, said, o,
                  ImVec2(o.x + text_w, o.y + l.height), node);
        }
        switch (b.kind) {
            case MdBlockKind::Heading: {
                ++headings;
                if (b.level == 2 && i > 0 && visible(l.height))
                    dl->AddLine(ImVec2(o.x, o.y - std::round(gap * 0.5f)), ImVec2(o.x + text_w, o.y - std::round(gap * 0.5f)), p.card_border, 1.0f);
                if (b.level == 1 && i == 0 && visible(l.height)) {
                    // The title: an accent tick above it, like the other views' section labels.
                    dl->AddRectFilled(ImVec2(o.x, o.y - t.Dp(12)), ImVec2(o.x + t.Dp(36), o.y - t.Dp(8)), p.accent, t.Dp(2));
                }
                if (visible(l.height)) DrawLaid(ui, dl, l, o, p.text);
                ImGui::Dummy(ImVec2(text_w, l.height));
                break;
            }
            case MdBlockKind::Paragraph:
                if (visible(l.height)) DrawLaid(ui, dl, l, o, p.text);
                ImGui::Dummy(ImVec2(text_w, l.height));
                break;
            case MdBlockKind::Bullet:
            case MdBlockKind::Numbered: {
                const float indent = t.Dp(kListIndent) * static_cast<float>(b.level + 1);
                if (visible(l.height)) {
                    const float cy = o.y + l.line_h * 0.5f;
                    if (b.kind == MdBlockKind::Numbered) {
                        DrawTextRight(dl, f.body, o.x + indent - t.Dp(8), std::floor(o.y + (l.line_h - FontSize(f.body)) * 0.5f), p.text_muted,
                                      b.marker.c_str());
                    } else {
                        const ImVec2 c(o.x + indent - t.Dp(14), cy);
                        if (b.level == 0) dl->AddCircleFilled(c, t.Dp(2.8f), p.accent, 12);
                        else if (b.level == 1) dl->AddCircle(c, t.Dp(2.6f), p.text_muted, 12, t.Dp(1.2f));
                        else dl->AddRectFilled(ImVec2(c.x - t.Dp(2.2f), c.y - t.Dp(2.2f)), ImVec2(c.x + t.Dp(2.2f), c.y + t.Dp(2.2f)), p.text_faint);
                    }
                    DrawLaid(ui, dl, l, ImVec2(o.x + indent, o.y), p.text);
                }
                ImGui::Dummy(ImVec2(text_w, l.height));
                break;
            }
            case MdBlockKind::Quote:
                if (visible(l.height)) {
                    dl->AddRectFilled(ImVec2(o.x, o.y + t.Dp(2)), ImVec2(o.x + t.Dp(4), o.y + l.height - t.Dp(2)), WithAlpha(p.accent, 0.6f), t.Dp(2));
                    DrawLaid(ui, dl, l, ImVec2(o.x + t.Dp(22), o.y), p.text_muted);
                }
                ImGui::Dummy(ImVec2(text_w, l.height));
                break;
            case MdBlockKind::Code: {
                const float pad = t.Dp(14);
                const float h = l.height + 2.0f * pad;
                if (visible(h)) {
                    dl->AddRectFilled(o, ImVec2(o.x + text_w, o.y + h), p.control, t.Dp(8));
                    dl->PushClipRect(o, ImVec2(o.x + text_w - pad * 0.5f, o.y + h), true);
                    DrawLaid(ui, dl, l, ImVec2(o.x + pad, o.y + pad), p.text);
                    dl->PopClipRect();
                }
                ImGui::Dummy(ImVec2(text_w, h));
                break;
            }
            case MdBlockKind::Table: {
                // ImGui tables cost time per row: one off screen takes the height it had when drawn.
                ++tables;
                const float h = tables_[i].height;
                if (h >= 0.0f && !visible(h) && settle_frames_ == 0) {
                    ImGui::Dummy(ImVec2(text_w, h));
                } else {
                    const float y0 = ImGui::GetCursorPosY();
                    DrawTable(ui, i, table_w);
                    tables_[i].height = ImGui::GetCursorPosY() - y0;
                }
                break;
            }
            case MdBlockKind::Rule:
                if (visible(1.0f)) dl->AddLine(o, ImVec2(o.x + text_w, o.y), p.card_border, 1.0f);
                ImGui::Dummy(ImVec2(text_w, 1.0f));
                break;
        }
        gap = t.Dp(BottomMargin(b, i + 1 < n ? &doc_.blocks[i + 1] : nullptr));
    }
    ImGui::Dummy(ImVec2(text_w, t.Dp(48)));  // room after the last line
    if (settle_frames_ > 0) --settle_frames_;

    // Hold the scroll at the heading asked for (Open): its position is known now.
    const float scroll_max = ImGui::GetScrollMaxY();
    if (scroll_frames_ > 0) {
        const float y = target_ >= 0 ? block_y_[static_cast<std::size_t>(target_)] - t.Dp(kJumpMargin) : 0.0f;
        ImGui::SetScrollY(std::max(0.0f, y));
        --scroll_frames_;
    } else if (hold_target_) {
        if (held_scroll_ < 0.0f) held_scroll_ = scroll;
        else if (std::fabs(scroll - held_scroll_) > 1.0f) hold_target_ = false;
    }
    // The section being read: the last ## or ### heading at or above the top of the view (the
    // heading asked for while the reader has not scrolled away from it, even near the end).
    if (hold_target_ && target_ >= 0) {
        current_ = target_;
    } else {
        current_ = toc_.empty() ? -1 : static_cast<int>(toc_.front());
        for (const std::size_t k : toc_)
            if (block_y_[k] - t.Dp(kJumpMargin) <= scroll + t.Dp(48)) current_ = static_cast<int>(k);
        if (scroll >= scroll_max - 1.0f && scroll_max > 0.0f) {
            // At the end nothing scrolls further: the last section that starts in view counts as read.
            for (const std::size_t k : toc_)
                if (block_y_[k] - pad_y <= scroll + view_h - t.Dp(40)) current_ = static_cast<int>(k);
        }
    }
    scroll_y_ = scroll;
    scroll_max_ = scroll_max;
    ui.hooks.Value("modeldoc.headings", headings);
    ui.hooks.Value("modeldoc.tables", tables);
    ui.hooks.Value("modeldoc.blocks", static_cast<double>(n));
    ui.hooks.Value("modeldoc.scroll", std::round(scroll));
    // 1 when the text drawn was laid out with the fonts of the current atlas (a rebuild, e.g. on
    // entering or leaving presentation mode, frees the old ones; a test checks this after one).
    ui.hooks.Value("modeldoc.fonts_current", layout_fonts_ == t.FontGeneration() ? 1.0 : 0.0);
    ui.hooks.Value("modeldoc.scroll_max", std::round(scroll_max));
    // Where the heading asked for is against where a jump puts it (0: there).
    if (target_ >= 0) ui.hooks.Value("modeldoc.target_top", std::round(block_y_[static_cast<std::size_t>(target_)] - t.Dp(kJumpMargin) - scroll));
    ImGui::PopStyleVar();
    EndCard();
    ImGui::PopStyleVar(2);
}

void ModelDocPanel::DrawToc(Ui& ui, ImVec2 pos, ImVec2 size) {
    const Theme& t = ui.theme;
    const Palette& p = t.Colours();
    const Fonts& f = t.GetFonts();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(t.Dp(18), t.Dp(18)));
    BeginCard("##modeldoc_toc", pos, size);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    ui.hooks.Record("ModelDoc:toc", pos.x, pos.y, size.x, size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = ImGui::GetContentRegionAvail().x;

    // The head stays put: Back, the page's name and the document's title.
    const std::string back = std::string("\xE2\x86\x90  Back to ") + ViewName(back_);
    if (Button(t, "##modeldoc_back", back.c_str(), Icon::None, ImVec2(w, t.Dp(36)), false) && ui.show) ui.show(back_);
    ui.hooks.RecordLastItem("ModelDoc:back");
    if (ImGui::IsItemHovered()) Tooltip(t, "", "Esc also goes back.");
    ImGui::Dummy(ImVec2(w, t.Dp(18)));
    ImVec2 c = ImGui::GetCursorScreenPos();
    DrawText(dl, f.label, c, p.accent, "HOW THE MODEL WORKS");
    ImGui::Dummy(ImVec2(w, FontSize(f.label) + t.Dp(6)));
    {
        const Laid title = LayoutSpans({MdSpan{MdStyle::Plain, title_, {}}}, f.heading, f.heading, w, std::round(FontSize(f.heading) * 1.3f));
        c = ImGui::GetCursorScreenPos();
        DrawLaid(ui, dl, title, c, p.text);
        ImGui::Dummy(ImVec2(w, title.height));
    }
    ImGui::Dummy(ImVec2(w, t.Dp(14)));
    c = ImGui::GetCursorScreenPos();
    dl->AddLine(c, ImVec2(c.x + w, c.y), p.card_border, 1.0f);
    ImGui::Dummy(ImVec2(w, t.Dp(10)));
    if (!toc_.empty()) {
        c = ImGui::GetCursorScreenPos();
        DrawText(dl, f.small, c, p.text_faint, "Contents");
        ImGui::Dummy(ImVec2(w, FontSize(f.small) + t.Dp(8)));
    }

    // The contents scroll on their own, under the head.
    const float list_h = std::max(t.Dp(40), ImGui::GetContentRegionAvail().y);
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, t.Dp(8));
    ImGui::BeginChild("##modeldoc_toc_list", ImVec2(w, list_h), false);
    ui.hooks.Record("ModelDoc:toc_list", ImGui::GetWindowPos().x, ImGui::GetWindowPos().y, w, list_h);
    dl = ImGui::GetWindowDrawList();
    const float lw = ImGui::GetContentRegionAvail().x;
    std::string listing;
    for (std::size_t k = 0; k < toc_.size(); ++k) {
        const std::size_t bi = toc_[k];
        const MdBlock& b = doc_.blocks[bi];
        const bool sub = b.level == 3;
        const float indent = sub ? t.Dp(26) : t.Dp(12);
        ImFont* font = sub ? f.small : f.label;
        const Laid laid = LayoutSpans({MdSpan{MdStyle::Plain, b.title, {}}}, font, font, lw - indent - t.Dp(8), std::round(FontSize(font) * 1.35f));
        const float row_h = laid.height + t.Dp(sub ? 8 : 12);
        const ImVec2 a = ImGui::GetCursorScreenPos();
        ImGui::PushID(static_cast<int>(k));
        const bool pressed = ImGui::InvisibleButton("##toc", ImVec2(lw, row_h));
        {
            SemNode link;
            link.on = static_cast<int>(bi) == current_;
            SemItem(SemRole::Link, b.title, link);
        }
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        ui.hooks.RecordLastItem("ModelDoc:toc:" + b.anchor);
        const bool on = static_cast<int>(bi) == current_;
        if (on || hovered) dl->AddRectFilled(a, ImVec2(a.x + lw, a.y + row_h), on ? WithAlpha(p.accent, 0.12f) : p.control, t.Dp(7));
        if (on) dl->AddRectFilled(ImVec2(a.x, a.y + t.Dp(5)), ImVec2(a.x + t.Dp(3), a.y + row_h - t.Dp(5)), p.accent, t.Dp(1.5f));
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        DrawLaid(ui, dl, laid, ImVec2(a.x + indent, a.y + (row_h - laid.height) * 0.5f), on ? p.text : sub ? p.text_muted : p.text);
        if (pressed) Open(b.anchor, back_);
        // Keep the section being read in view when the document scrolls past the list's edge.
        if (on && toc_scrolled_to_ != current_) {
            toc_scrolled_to_ = current_;
            const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowSize().y;
            if (a.y < top || a.y + row_h > bottom) ImGui::SetScrollHereY(0.35f);
        }
        ImGui::Dummy(ImVec2(lw, t.Dp(2)));
        listing += (listing.empty() ? "" : "\n") + b.title;
    }
    ImGui::Dummy(ImVec2(lw, t.Dp(4)));
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ui.hooks.Value("modeldoc.toc_entries", static_cast<double>(toc_.size()));
    ui.hooks.Text("modeldoc.toc", listing);
    ImGui::PopStyleVar();
    EndCard();
    ImGui::PopStyleVar();
}

void ModelDocPanel::Draw(Ui& ui, ImVec2 pos, ImVec2 size) {
    if (!loaded_) Load(ui);
    if (open_pending_) Resolve();
    const Theme& t = ui.theme;
    ui.hooks.Record("Panel:modeldoc", pos.x, pos.y, size.x, size.y);
    const float gap = t.Dp(16);
    const float toc_w = std::clamp(size.x * 0.22f, t.Dp(240), t.Dp(320));
    DrawToc(ui, pos, ImVec2(toc_w, size.y));
    // A ToC click asks for a heading: resolve it before the document draws, so it scrolls this frame.
    if (open_pending_) Resolve();
    DrawDocument(ui, ImVec2(pos.x + toc_w + gap, pos.y), ImVec2(size.x - toc_w - gap, size.y));
    if (open_pending_) Resolve();  // a link in the document; applied next frame

    ui.hooks.Value("modeldoc.loaded", error_.empty() ? 1.0 : 0.0);
    ui.hooks.Text("modeldoc.title", title_);
    ui.hooks.Text("modeldoc.path", path_);
    ui.hooks.Text("modeldoc.target", target_ >= 0 ? doc_.blocks[static_cast<std::size_t>(target_)].anchor : std::string());
    ui.hooks.Text("modeldoc.target_title", target_ >= 0 ? doc_.blocks[static_cast<std::size_t>(target_)].title : std::string());
    ui.hooks.Text("modeldoc.match", match_);
    ui.hooks.Text("modeldoc.where", where_);
    ui.hooks.Text("modeldoc.section", current_ >= 0 ? doc_.blocks[static_cast<std::size_t>(current_)].anchor : std::string());
    if (!error_.empty()) ui.hooks.Text("modeldoc.error", error_);
}

}  // namespace orgsim::ui
