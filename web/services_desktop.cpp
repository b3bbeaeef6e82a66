// services_desktop.cpp: files and sharing on the desktop (see services.h): downloads are files in
// the working folder, storage is a file per key under ~/.config/orgsim, files dropped on the window
// arrive through an SDL event watch, the clipboard is SDL's, and PNGs are encoded here (stored
// deflate blocks: larger than a browser's PNG, but exact and dependency-free).
#include "web/services.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace orgsim::ui::services {

namespace {

// The platform's event queue is global; so is what it delivers (one app per process).
std::deque<std::string>& DroppedPaths() {
    static std::deque<std::string> paths;
    return paths;
}

int WatchDrops(void*, SDL_Event* event) {
    if (event->type == SDL_DROPFILE && event->drop.file) {
        DroppedPaths().push_back(event->drop.file);
        // SDL frees drop.file after the app's own SDL_PollEvent sees the event.
    }
    return 1;
}

void EnsureDropWatch() {
    static bool installed = false;
    if (installed) return;
    installed = true;
    SDL_AddEventWatch(WatchDrops, nullptr);
}

std::filesystem::path StorageDir() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path base = xdg && *xdg ? std::filesystem::path(xdg) : std::filesystem::path(home ? home : ".") / ".config";
    return base / "orgsim";
}

std::filesystem::path KeyPath(const std::string& key) {
    std::string safe;
    for (char c : key) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') ? c : '_';
    return StorageDir() / (safe + ".json");
}

bool WriteWhole(const std::filesystem::path& path, const std::string& data, std::string* error) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (out) out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) {
        if (error) *error = "could not write " + path.string();
        return false;
    }
    return true;
}

// ---- PNG (zlib stored blocks, CRC-32, Adler-32) ---------------------------------------------
std::uint32_t Crc32(const std::uint8_t* p, std::size_t n, std::uint32_t crc = 0) {
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void Put32(std::string& out, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xFF));
}

void Chunk(std::string& out, const char* type, const std::string& data) {
    Put32(out, static_cast<std::uint32_t>(data.size()));
    std::string body = std::string(type, 4) + data;
    out += body;
    Put32(out, Crc32(reinterpret_cast<const std::uint8_t*>(body.data()), body.size()));
}

std::string EncodePng(int width, int height, const std::vector<std::uint8_t>& rgba) {
    std::string raw;  // filter byte 0 + row
    const std::size_t row = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
        raw.push_back('\0');
        raw.append(reinterpret_cast<const char*>(rgba.data()) + static_cast<std::size_t>(y) * row, row);
    }
    std::string z = "\x78\x01";
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    for (std::size_t at = 0; at < raw.size() || at == 0; at += 65535) {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - at);
        const bool last = at + n >= raw.size();
        z.push_back(last ? '\x01' : '\x00');
        z.push_back(static_cast<char>(n & 0xFF));
        z.push_back(static_cast<char>(n >> 8));
        z.push_back(static_cast<char>(~n & 0xFF));
        z.push_back(static_cast<char>((~n >> 8) & 0xFF));
        z.append(raw, at, n);
        if (last) break;
    }
    Put32(z, (b << 16) | a);
    std::string png = "\x89PNG\r\n\x1a\n";
    std::string ihdr;
    Put32(ihdr, static_cast<std::uint32_t>(width));
    Put32(ihdr, static_cast<std::uint32_t>(height));
    ihdr += std::string("\x08\x06\x00\x00\x00", 5);  // 8 bits, RGBA, deflate, no filter, no interlace
    Chunk(png, "IHDR", ihdr);
    Chunk(png, "IDAT", z);
    Chunk(png, "IEND", "");
    return png;
}

}  // namespace

std::string Download(const std::string& file_name, const std::string&, const std::string& data, std::string* error) {
    const std::filesystem::path path = std::filesystem::current_path() / std::filesystem::path(file_name).filename();
    if (!WriteWhole(path, data, error)) return "";
    return path.string();
}

bool OpenFilePicker() { return false; }

bool ReadFile(const std::string& path, std::uint64_t max_bytes, IncomingFile& out) {
    out = IncomingFile{};
    out.name = std::filesystem::path(path).filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        out.error = "cannot open " + path + ": " + ec.message();
        return true;
    }
    out.size = size;
    if (size > max_bytes) {
        out.too_large = true;
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) out.error = "cannot read " + path;
    out.data = text.str();
    return true;
}

bool TakeIncomingFile(std::uint64_t max_bytes, IncomingFile& out) {
    EnsureDropWatch();
    auto& q = DroppedPaths();
    if (q.empty()) return false;
    const std::string path = q.front();
    q.pop_front();
    return ReadFile(path, max_bytes, out);
}

bool StorageGet(const std::string& key, std::string& value) {
    std::ifstream in(KeyPath(key), std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    value = text.str();
    return true;
}

bool StorageSet(const std::string& key, const std::string& value, std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(StorageDir(), ec);
    if (ec) {
        if (error) *error = "could not create " + StorageDir().string() + ": " + ec.message();
        return false;
    }
    // Write then rename, so a crash never leaves half a document.
    const auto path = KeyPath(key);
    const auto tmp = path.string() + ".tmp";
    if (!WriteWhole(tmp, value, error)) return false;
    std::filesystem::rename(tmp, path, ec);
    if (ec && error) *error = "could not replace " + path.string() + ": " + ec.message();
    return !ec;
}

void StorageRemove(const std::string& key) {
    std::error_code ec;
    std::filesystem::remove(KeyPath(key), ec);
}

std::string GetFragment() { return ""; }
void SetFragment(const std::string&) {}
std::string PageUrl() { return ""; }

bool StorageAvailable(std::string*) { return true; }  // files under ~/.config/orgsim: failures show per write

bool OpenInNewTab(const std::string& url) { return SDL_OpenURL(url.c_str()) == 0; }

namespace {
int g_clipboard = 0;  // result of the last CopyText (SDL's clipboard answers at once)
}

void CopyText(const std::string& text) { g_clipboard = SDL_SetClipboardText(text.c_str()) == 0 ? 1 : -1; }
int ClipboardResult() { return g_clipboard; }

void ReadPixels(int x, int y, int width, int height, std::vector<std::uint8_t>& rgba) {
    rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
}

std::string SavePng(const std::string& file_name, int width, int height, const std::vector<std::uint8_t>& rgba,
                    std::string* error) {
    return Download(file_name, "image/png", EncodePng(width, height, rgba), error);
}

}  // namespace orgsim::ui::services
