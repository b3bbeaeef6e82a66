// services_web.cpp: files and sharing in the browser (see services.h). The page (index.html) owns
// the hidden <input type=file>, the drop overlay and a queue of opened files (window.orgsimIO);
// this file reaches them, localStorage, the URL, the clipboard and a 2D canvas for PNG encoding
// through EM_JS. Every browser call is guarded: storage can be full or forbidden (private mode),
// the clipboard can be refused; the app then falls back instead of failing.
#include "web/services.h"

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstdlib>

namespace orgsim::ui::services {

namespace {

// clang-format off
EM_JS(int, JsDownload, (const char* name, const char* mime, const void* data, int size), {
    try {
        var bytes = HEAPU8.slice(data, data + size);
        var blob = new Blob([bytes], { type: UTF8ToString(mime) });
        var url = URL.createObjectURL(blob);
        var a = document.createElement("a");
        a.href = url;
        a.download = UTF8ToString(name);
        a.style.display = "none";
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 4000);
        return 1;
    } catch (e) {
        console.warn("OrgSim: download failed", e);
        return 0;
    }
});

EM_JS(int, JsOpenPicker, (), {
    var input = document.getElementById("orgsim-file");
    if (!input) return 0;
    input.value = "";
    input.click();
    return 1;
});

// The queue index.html fills: {name, bytes (Uint8Array) or null, size, error}.
EM_JS(double, JsIncomingInfo, (int what, double max_bytes), {
    var io = window.orgsimIO;
    if (!io || !io.queue.length) return -1;
    var f = io.queue[0];
    if (f.pending) return -1;  // still being read
    if (what == 0) return lengthBytesUTF8(f.name || "");
    if (what == 1) return f.size;
    if (what == 2) return f.bytes ? f.bytes.length : 0;
    return 0;
});

EM_JS(void, JsIncomingTake, (char* name, int name_cap, void* data, char* error, int error_cap), {
    var f = window.orgsimIO.queue.shift();
    stringToUTF8(f.name || "", name, name_cap);
    stringToUTF8(f.error || "", error, error_cap);
    if (f.bytes && data) HEAPU8.set(f.bytes, data);
});

EM_JS(void, JsIncomingSkip, (), { window.orgsimIO.queue.shift(); });

// Returns a malloc'd UTF-8 copy or 0 (absent, or storage unavailable).
EM_JS(char*, JsStorageGet, (const char* key), {
    try {
        var v = window.localStorage.getItem(UTF8ToString(key));
        if (v === null) return 0;
        var n = lengthBytesUTF8(v) + 1;
        var p = _malloc(n);
        stringToUTF8(v, p, n);
        return p;
    } catch (e) {
        return 0;
    }
});

// Returns a malloc'd error message, or 0 on success.
EM_JS(char*, JsStorageSet, (const char* key, const char* value), {
    var msg = "";
    try {
        window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
        return 0;
    } catch (e) {
        msg = (e && e.name === "QuotaExceededError") ? "browser storage is full"
            : "browser storage is not available (" + ((e && e.name) || "error") + ")";
    }
    var n = lengthBytesUTF8(msg) + 1;
    var p = _malloc(n);
    stringToUTF8(msg, p, n);
    return p;
});

EM_JS(void, JsStorageRemove, (const char* key), {
    try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

// Returns 0 when localStorage can be written, else a malloc'd reason. A frame sandboxed without
// allow-same-origin, or a browser blocking third-party storage, throws on the first touch.
EM_JS(char*, JsStorageProbe, (), {
    var msg = "";
    try {
        var s = window.localStorage;
        var k = "orgsim.probe";
        s.setItem(k, "1");
        s.removeItem(k);
        return 0;
    } catch (e) {
        // Full is not unavailable: a write may work once space is freed, and each write reports its own failure.
        if (e && e.name === "QuotaExceededError") return 0;
        msg = window.self !== window.top ? "the page holding OrgSim does not let it use browser storage"
                                         : "browser storage is not available (" + ((e && e.name) || "error") + ")";
    }
    var n = lengthBytesUTF8(msg) + 1;
    var p = _malloc(n);
    stringToUTF8(msg, p, n);
    return p;
});

// Open url in a new tab; 0 when the browser or the embedding page refused (a sandbox without
// allow-popups, a pop-up blocker). Not "noopener" in the features, which makes window.open return
// null always; the opener is cut by hand instead.
EM_JS(int, JsOpenInNewTab, (const char* url), {
    try {
        var w = window.open(UTF8ToString(url), "_blank");
        if (!w) return 0;
        try { w.opener = null; } catch (e) {}
        return 1;
    } catch (e) {
        return 0;
    }
});

EM_JS(char*, JsGetFragment, (), {
    var h = window.location.hash || "";
    if (h.charAt(0) === "#") h = h.substring(1);
    var n = lengthBytesUTF8(h) + 1;
    var p = _malloc(n);
    stringToUTF8(h, p, n);
    return p;
});

EM_JS(void, JsSetFragment, (const char* fragment), {
    var f = UTF8ToString(fragment);
    var url = window.location.pathname + window.location.search + (f ? "#" + f : "");
    try { window.history.replaceState(window.history.state, "", url); } catch (e) { console.warn("OrgSim: replaceState failed", e); }
});

// The address without its fragment. Not origin + path: a frame sandboxed without allow-same-origin
// has the origin "null", yet its address is the real one.
EM_JS(char*, JsPageUrl, (), {
    var u = String(window.location.href).split("#")[0];
    var n = lengthBytesUTF8(u) + 1;
    var p = _malloc(n);
    stringToUTF8(u, p, n);
    return p;
});

EM_JS(void, JsCopyText, (const char* text), {
    var io = window.orgsimIO || (window.orgsimIO = { queue: [] });
    var t = UTF8ToString(text);
    io.clipboard = 0;
    io.clipboardText = t;
    try {
        if (!navigator.clipboard || !navigator.clipboard.writeText) { io.clipboard = -1; return; }
        navigator.clipboard.writeText(t).then(function () { io.clipboard = 1; }, function () { io.clipboard = -1; });
    } catch (e) {
        io.clipboard = -1;
    }
});

EM_JS(int, JsClipboardResult, (), {
    var io = window.orgsimIO;
    return io && io.clipboard ? io.clipboard : 0;
});

// RGBA (top row first) -> a 2D canvas -> PNG blob -> download.
EM_JS(int, JsSavePng, (const char* name, int width, int height, const void* data), {
    try {
        var c = document.createElement("canvas");
        c.width = width;
        c.height = height;
        var g = c.getContext("2d");
        var img = g.createImageData(width, height);
        img.data.set(HEAPU8.subarray(data, data + width * height * 4));
        g.putImageData(img, 0, 0);
        var file = UTF8ToString(name);
        var io = window.orgsimIO || (window.orgsimIO = { queue: [] });
        io.pngPending = (io.pngPending || 0) + 1;
        c.toBlob(function (blob) {
            io.pngPending -= 1;
            if (!blob) { console.warn("OrgSim: PNG encoding failed"); return; }
            var url = URL.createObjectURL(blob);
            var a = document.createElement("a");
            a.href = url;
            a.download = file;
            a.style.display = "none";
            document.body.appendChild(a);
            a.click();
            setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 4000);
        }, "image/png");
        return 1;
    } catch (e) {
        console.warn("OrgSim: PNG export failed", e);
        return 0;
    }
});
// clang-format on

std::string TakeCString(char* p) {
    if (!p) return {};
    std::string s(p);
    std::free(p);
    return s;
}

}  // namespace

std::string Download(const std::string& file_name, const std::string& mime, const std::string& data, std::string* error) {
    if (!JsDownload(file_name.c_str(), mime.c_str(), data.data(), static_cast<int>(data.size()))) {
        if (error) *error = "the browser refused the download";
        return "";
    }
    return "Downloads";
}

bool OpenFilePicker() { return JsOpenPicker() != 0; }

bool TakeIncomingFile(std::uint64_t max_bytes, IncomingFile& out) {
    const double name_len = JsIncomingInfo(0, static_cast<double>(max_bytes));
    if (name_len < 0) return false;
    out = IncomingFile{};
    out.size = static_cast<std::uint64_t>(JsIncomingInfo(1, 0));
    const int data_len = static_cast<int>(JsIncomingInfo(2, 0));
    if (out.size > max_bytes) {  // the page does not read files over its own limit either
        out.too_large = true;
        std::string name(static_cast<std::size_t>(name_len) + 1, '\0');
        char err[2];
        JsIncomingTake(name.data(), static_cast<int>(name.size()), nullptr, err, sizeof err);
        name.resize(static_cast<std::size_t>(name_len));
        out.name = name;
        return true;
    }
    std::string name(static_cast<std::size_t>(name_len) + 1, '\0');
    std::string error(512, '\0');
    out.data.assign(static_cast<std::size_t>(data_len), '\0');
    JsIncomingTake(name.data(), static_cast<int>(name.size()), out.data.data(), error.data(), static_cast<int>(error.size()));
    name.resize(static_cast<std::size_t>(name_len));
    out.name = name;
    out.error = error.c_str();
    return true;
}

bool ReadFile(const std::string& path, std::uint64_t, IncomingFile& out) {
    out = IncomingFile{};
    out.name = path;
    out.error = "files are opened with the file picker in the browser";
    return true;
}

bool StorageGet(const std::string& key, std::string& value) {
    char* p = JsStorageGet(key.c_str());
    if (!p) return false;
    value = TakeCString(p);
    return true;
}

bool StorageSet(const std::string& key, const std::string& value, std::string* error) {
    char* p = JsStorageSet(key.c_str(), value.c_str());
    if (!p) return true;
    if (error) *error = TakeCString(p);
    else std::free(p);
    return false;
}

void StorageRemove(const std::string& key) { JsStorageRemove(key.c_str()); }

std::string GetFragment() { return TakeCString(JsGetFragment()); }
void SetFragment(const std::string& fragment) { JsSetFragment(fragment.c_str()); }
std::string PageUrl() { return TakeCString(JsPageUrl()); }

bool StorageAvailable(std::string* why) {
    const std::string reason = TakeCString(JsStorageProbe());
    if (reason.empty()) return true;
    if (why) *why = reason;
    return false;
}

bool OpenInNewTab(const std::string& url) { return JsOpenInNewTab(url.c_str()) != 0; }

void CopyText(const std::string& text) { JsCopyText(text.c_str()); }
int ClipboardResult() { return JsClipboardResult(); }

void ReadPixels(int x, int y, int width, int height, std::vector<std::uint8_t>& rgba) {
    rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
}

std::string SavePng(const std::string& file_name, int width, int height, const std::vector<std::uint8_t>& rgba,
                    std::string* error) {
    if (!JsSavePng(file_name.c_str(), width, height, rgba.data())) {
        if (error) *error = "the browser could not encode the picture";
        return "";
    }
    return "Downloads";
}

}  // namespace orgsim::ui::services
