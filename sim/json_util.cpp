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

namespace {

/// "line L, column C" of the character at `index` (0-based) of `text`.
std::string LineColumn(const std::string& text, std::size_t index) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < text.size() && i < index; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

/// Reads a document without building it, to learn where nlohmann's parser stopped: the position and
/// token it hands to parse_error. Used only after json::parse threw an exception that carries no
/// position (a number too large for a double is json::out_of_range, not json::parse_error).
class ErrorLocator final : public nlohmann::json_sax<json> {
public:
    bool found = false;
    std::size_t position = 0;  ///< bytes read when the parser stopped (the end of `token`)
    std::string token;         ///< the last token read

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string& last_token, const nlohmann::detail::exception&) override {
        found = true;
        position = pos;
        token = last_token;
        return false;
    }
};

/// Index of the '[' or '{' that opens level kMaxJsonDepth + 1, or npos. Strings are skipped, so
/// brackets inside them do not count; text that is not JSON is left to the parser to report.
std::size_t TooDeep(const std::string& text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string::npos;
}

/// A token for a message: at most 40 characters.
std::string Shown(const std::string& token) { return token.size() <= 40 ? token : token.substr(0, 37) + "..."; }

}  // namespace

std::optional<json> ParseJsonText(const std::string& text, std::size_t max_bytes, std::vector<Problem>& problems) {
    if (text.size() > max_bytes) {
        problems.push_back({"/", "the file is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)});
        return std::nullopt;
    }
    if (const std::size_t deep = TooDeep(text); deep != std::string::npos) {
        problems.push_back({LineColumn(text, deep), "arrays and objects are nested deeper than " + std::to_string(kMaxJsonDepth) +
                                                        " levels (a scenario needs fewer than 10)"});
        return std::nullopt;
    }
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
        const std::string what = e.what();
        const auto pos = what.find(": ");
        problems.push_back({LineColumn(text, e.byte > 0 ? e.byte - 1 : 0),
                            "malformed JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2))});
        return std::nullopt;
    } catch (const json::exception& e) {
        // Anything else the parser throws is reported the same way, never let out of the reader: in
        // practice json::out_of_range 406, a number beyond the range of a double (1e999), which the
        // JSON grammar allows but the reader cannot hold.
        ErrorLocator where;
        json::sax_parse(text, &where);
        const std::size_t start = where.position >= where.token.size() ? where.position - where.token.size() : 0;
        const std::string at = where.found ? LineColumn(text, start) : std::string("/");
        if (e.id == 406) {
            problems.push_back({at, "number " + Shown(where.token) + " is too large (the largest is about 1.8e308)"});
        } else {
            const std::string what = e.what();
            const auto pos = what.find("] ");
            problems.push_back({at, "unreadable JSON: " + (pos == std::string::npos ? what : what.substr(pos + 2))});
        }
        return std::nullopt;
    }
}

}  // namespace orgsim
