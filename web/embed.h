// embed.h: OrgSim inside other pages. A course page or a learning-management system shows a
// scenario or an assignment in an <iframe>; the page's address then carries "embed=1" in its query,
// which makes the app use its compact layout (web/app.cpp: no file menu, "Open in OrgSim" opens the
// full app in a new tab). These helpers build the snippet and the addresses; they are pure (no
// browser calls), so the native unit tests check them (tests/unit/test_embed.cpp).
#pragma once

#include <string>

namespace orgsim::ui {

/// The query parameter that asks for the compact layout.
constexpr const char* kEmbedParam = "embed";

/// The frame heights the Embed dialog offers, CSS pixels (the width is always 100% of the column).
constexpr int kEmbedHeights[] = {560, 720, 900};
constexpr int kEmbedDefaultHeight = 720;

/// page_url (scheme://host/path?query, no fragment) with embed=1 in its query (an existing embed
/// parameter is replaced, other parameters kept in order) and then "#fragment" when fragment is set.
std::string EmbedUrl(const std::string& page_url, const std::string& fragment);
/// page_url without any embed parameter (the full app), then "#fragment" when fragment is set.
std::string FullAppUrl(const std::string& page_url, const std::string& fragment);
/// Text safe inside a double-quoted HTML attribute (& < > " ' escaped).
std::string HtmlAttribute(const std::string& text);

/// The HTML to paste into a course page: an <iframe> of url with a title for screen readers, the
/// height in CSS pixels (clamped to 320..2000), a sandbox that lets the app run, keep work in the
/// browser's storage, download files and open the full app in a normal new tab, and permission to
/// copy to the clipboard and go full screen. The title is escaped.
std::string EmbedSnippet(const std::string& url, const std::string& title, int height_px);

}  // namespace orgsim::ui
