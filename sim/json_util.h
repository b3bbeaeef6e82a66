// json_util.h: pieces shared by the JSON readers (scenarios, model-library experiments): type names
// for messages, JSON-pointer escaping, and parsing with the error's line and column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario.h"

namespace orgsim {

/// "a string", "an integer", ... for messages such as "must be a number, found a string".
std::string JsonTypeName(const nlohmann::json& j);
/// Escape one JSON-pointer token (RFC 6901: ~ as ~0, / as ~1).
std::string JsonPointerToken(const std::string& token);
/// Deepest nesting of arrays and objects a reader accepts. The formats need 8 levels (a workspace's
/// /slots/0/scenario/org/units/0/dotted/0); nlohmann's dump() and comparisons recurse once per level,
/// so a document a million levels deep would overflow the stack (1 MB in the browser) when written
/// back or quoted in a message.
constexpr int kMaxJsonDepth = 64;
/// Parse text; on failure (too large, nested deeper than kMaxJsonDepth, malformed, a number beyond
/// the range of a double) add one problem and return nullopt; never throws. A problem inside the
/// text is placed at "line L, column C".
std::optional<nlohmann::json> ParseJsonText(const std::string& text, std::size_t max_bytes, std::vector<Problem>& problems);

}  // namespace orgsim
