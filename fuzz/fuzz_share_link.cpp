// fuzz_share_link.cpp: libFuzzer target for the share-link decoder (DecodeShareFragment,
// web/persist.h): the URL fragment "#w=<base64url>" of a link from anyone, holding a compact
// workspace document as is or compressed (LZ). The input is tried (1) as the fragment itself and
// (2) as the decoded bytes of a link ("w=" + base64url(input)), so that the LZ decoder and the
// document reader behind it are reached directly, and (3) as LZ data. Properties: clean answers; an
// accepted link's workspace gives back the same link (link -> open -> link); base64url round-trips
// any bytes; whatever the LZ decoder accepts, CompressLz and DecompressLz give back. (CompressLz on
// every input would halve the speed: it clears a 128 KB table per call.)
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/doc_check.h"
#include "fuzz/fuzz_check.h"
#include "web/persist.h"

using namespace orgsim;

namespace {
void CheckLink(const std::string& fragment) {
    const ui::DocResult r = ui::DecodeShareFragment(fragment);
    fuzz::CheckClean(r.ok(), r.problems);
    if (!r.ok()) return;
    fuzz::CheckRoundTrip(*r.doc);
    ui::Workspace ws;
    ORGSIM_FUZZ_CHECK(ui::ApplyWorkspace(ws, *r.doc).ok, fragment);
    const std::string link = ui::EncodeShareFragment(ws);
    ws = ui::Workspace();
    const ui::DocResult again = ui::DecodeShareFragment(link);
    ORGSIM_FUZZ_CHECK(again.ok() && ui::ApplyWorkspace(ws, *again.doc).ok, link);
    ORGSIM_FUZZ_CHECK(ui::EncodeShareFragment(ws) == link, link);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    CheckLink(bytes);
    const std::string b64 = ui::Base64UrlEncode(bytes);
    CheckLink("w=" + b64);

    std::string decoded, error;
    ORGSIM_FUZZ_CHECK(ui::Base64UrlDecode(b64, decoded, &error) && decoded == bytes, error);
    // The LZ decoder on arbitrary bytes: a clean refusal or output within the limit, and whatever
    // it accepts compresses and decompresses back to itself.
    std::string out;
    if (ui::DecompressLz(bytes, ui::kMaxOpenBytes, out, &error)) {
        ORGSIM_FUZZ_CHECK(out.size() <= ui::kMaxOpenBytes, "");
        if (out.size() > (std::size_t{1} << 18)) return 0;  // a few MB: round trip too slow for every run
        std::string back;
        ORGSIM_FUZZ_CHECK(ui::DecompressLz(ui::CompressLz(out), ui::kMaxOpenBytes, back, &error) && back == out, error);
    } else {
        ORGSIM_FUZZ_CHECK(!error.empty(), "DecompressLz failed without a message");
    }
    return 0;
}
