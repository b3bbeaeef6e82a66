// json_util.cpp: shared JSON-reading helpers (see json_util.h).
#include "sim/json_util.h"

namespace orgsim {

using nlohmann::json;

std::string JsonTypeName(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

std::string JsonPointerToken(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::optional<json> ParseJsonText(const std::string& text, std::size_t max_bytes, std::vector<Problem>& problems) {
    if (text.size() > max_bytes) {
        problems.push_back({"/", "the file is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)});
        return std::nullopt;
    }
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        int line = 1, col = 1;
        for (std::size_t i = 0; i < text.size() && i + 1 < e.byte; ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
        const std::string what = e.what();
        const auto pos = what.find(": ");
        problems.push_back({"line " + std::to_string(line) + ", column " + std::to_string(col),
                            "malformed JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2))});
        return std::nullopt;
    }
}

}  // namespace orgsim
