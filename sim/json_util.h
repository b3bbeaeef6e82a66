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
/// Parse text; on failure (too large, malformed) add one problem and return nullopt. A malformed
/// document's problem is placed at "line L, column C".
std::optional<nlohmann::json> ParseJsonText(const std::string& text, std::size_t max_bytes, std::vector<Problem>& problems);

}  // namespace orgsim
