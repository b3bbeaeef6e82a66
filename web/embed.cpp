// embed.cpp: the embed snippet and the compact layout's addresses (embed.h).
#include "embed.h"

#include <algorithm>
#include <vector>

namespace orgsim::ui {
namespace {

struct SplitUrl {
    std::string base;                 ///< up to and without '?'
    std::vector<std::string> params;  ///< the query's "name=value" parts, in order
};

SplitUrl Split(const std::string& page_url) {
    SplitUrl out;
    std::string url = page_url.substr(0, page_url.find('#'));
    const std::size_t q = url.find('?');
    out.base = url.substr(0, q);
    if (q == std::string::npos) return out;
    const std::string query = url.substr(q + 1);
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string::npos) end = query.size();
        if (end > start) out.params.push_back(query.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool IsEmbedParam(const std::string& part) {
    const std::string name = part.substr(0, part.find('='));
    return name == kEmbedParam;
}

std::string Join(const SplitUrl& u, const std::string& fragment) {
    std::string out = u.base;
    for (std::size_t i = 0; i < u.params.size(); ++i) out += (i == 0 ? "?" : "&") + u.params[i];
    if (!fragment.empty()) out += "#" + fragment;
    return out;
}

}  // namespace

std::string EmbedUrl(const std::string& page_url, const std::string& fragment) {
    SplitUrl u = Split(page_url);
    u.params.erase(std::remove_if(u.params.begin(), u.params.end(), IsEmbedParam), u.params.end());
    u.params.push_back(std::string(kEmbedParam) + "=1");
    return Join(u, fragment);
}

std::string FullAppUrl(const std::string& page_url, const std::string& fragment) {
    SplitUrl u = Split(page_url);
    u.params.erase(std::remove_if(u.params.begin(), u.params.end(), IsEmbedParam), u.params.end());
    return Join(u, fragment);
}

std::string HtmlAttribute(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string EmbedSnippet(const std::string& url, const std::string& title, int height_px) {
    const int h = std::clamp(height_px, 320, 2000);
    return "<iframe src=\"" + HtmlAttribute(url) + "\" title=\"" + HtmlAttribute(title) + "\" width=\"100%\" height=\"" +
           std::to_string(h) +
           "\" style=\"border:0;max-width:1400px\" loading=\"lazy\" "
           "sandbox=\"allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox\" "
           "allow=\"clipboard-write; fullscreen\" referrerpolicy=\"no-referrer\"></iframe>";
}

}  // namespace orgsim::ui
