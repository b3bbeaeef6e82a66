// test_embed.cpp: the embed snippet and the compact layout's addresses (web/embed.h).
#include <doctest/doctest.h>

#include <string>

#include "web/embed.h"

using namespace orgsim::ui;

TEST_CASE("embed: EmbedUrl adds embed=1 to the query and keeps the other parameters and the fragment") {
    CHECK(EmbedUrl("https://x.edu/orgsim/", "") == "https://x.edu/orgsim/?embed=1");
    CHECK(EmbedUrl("https://x.edu/orgsim/", "w=abc") == "https://x.edu/orgsim/?embed=1#w=abc");
    CHECK(EmbedUrl("https://x.edu/?scenario=cfo&workers=0", "w=1") == "https://x.edu/?scenario=cfo&workers=0&embed=1#w=1");
    // An existing embed parameter (any value) is replaced, not repeated.
    CHECK(EmbedUrl("https://x.edu/?embed=0&scenario=cfo", "") == "https://x.edu/?scenario=cfo&embed=1");
    CHECK(EmbedUrl("https://x.edu/?embed", "") == "https://x.edu/?embed=1");
    // A fragment on the page address is not the one asked for: dropped.
    CHECK(EmbedUrl("https://x.edu/#old", "new") == "https://x.edu/?embed=1#new");
    // A parameter whose name only starts with "embed" is someone else's.
    CHECK(EmbedUrl("https://x.edu/?embedded=2", "") == "https://x.edu/?embedded=2&embed=1");
}

TEST_CASE("embed: FullAppUrl removes the embed parameter (the full app in a new tab)") {
    CHECK(FullAppUrl("https://x.edu/?embed=1", "w=abc") == "https://x.edu/#w=abc");
    CHECK(FullAppUrl("https://x.edu/?scenario=cfo&embed=1&workers=2", "") == "https://x.edu/?scenario=cfo&workers=2");
    CHECK(FullAppUrl("https://x.edu/", "") == "https://x.edu/");
    // Round trip: embedding then leaving gives the page back.
    const std::string page = "http://127.0.0.1:8080/?scenario=default";
    CHECK(FullAppUrl(EmbedUrl(page, ""), "f") == page + "#f");
}

TEST_CASE("embed: HtmlAttribute escapes what could end the attribute or start markup") {
    CHECK(HtmlAttribute("plain title") == "plain title");
    CHECK(HtmlAttribute("R&D \"quotes\" <b> 'x'") == "R&amp;D &quot;quotes&quot; &lt;b&gt; &#39;x&#39;");
    CHECK(HtmlAttribute("") == "");
}

TEST_CASE("embed: the snippet is one iframe with an escaped title, a sandbox that lets the app run and a clamped height") {
    const std::string s = EmbedSnippet("https://x.edu/?embed=1#w=a&b", "OrgSim: \"IT\" <under> the CFO", 720);
    CHECK(s.rfind("<iframe src=\"https://x.edu/?embed=1#w=a&amp;b\"", 0) == 0);
    CHECK(s.find("title=\"OrgSim: &quot;IT&quot; &lt;under&gt; the CFO\"") != std::string::npos);
    CHECK(s.find("height=\"720\"") != std::string::npos);
    CHECK(s.find("width=\"100%\"") != std::string::npos);
    // Scripts must run; storage (allow-same-origin) keeps a student's work; the full app opens unsandboxed.
    CHECK(s.find("allow-scripts") != std::string::npos);
    CHECK(s.find("allow-same-origin") != std::string::npos);
    CHECK(s.find("allow-popups-to-escape-sandbox") != std::string::npos);
    CHECK(s.find("allow-downloads") != std::string::npos);
    CHECK(s.find("allow=\"clipboard-write; fullscreen\"") != std::string::npos);
    CHECK(s.substr(s.size() - 9) == "</iframe>");
    // One element: no markup from the inputs gets through.
    CHECK(s.find('<', 1) == s.rfind("</iframe>"));
    CHECK(EmbedSnippet("u", "t", 10).find("height=\"320\"") != std::string::npos);
    CHECK(EmbedSnippet("u", "t", 99999).find("height=\"2000\"") != std::string::npos);
}
