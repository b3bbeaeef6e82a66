// services.h: what the app asks of its host for files and sharing, one implementation per platform
// chosen by CMake: services_web.cpp (browser: Blob downloads, file picker and drag and drop,
// localStorage, URL fragment, clipboard, PNG encoding by the browser) and services_desktop.cpp
// (files in the working folder, storage under ~/.config/orgsim, SDL clipboard and file drops).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace orgsim::ui::services {

/// Offer bytes as a file: a browser download, or a file in the working folder on the desktop.
/// Returns where it went ("Downloads" or the path) or "" with *error set.
std::string Download(const std::string& file_name, const std::string& mime, const std::string& data, std::string* error);

/// Open the platform's file picker; false when there is none (the desktop: the app asks for a
/// path instead). The chosen file arrives later through TakeIncomingFile.
bool OpenFilePicker();

/// A file the user opened (picker) or dropped on the window, oldest first.
struct IncomingFile {
    std::string name;
    std::string data;            ///< the content (empty when too_large)
    std::uint64_t size = 0;      ///< bytes on disk
    bool too_large = false;      ///< over the limit: not read at all
    std::string error;           ///< the host could not read it
};
/// Take the next opened or dropped file; false when none is waiting. Files larger than max_bytes
/// are not read (too_large).
bool TakeIncomingFile(std::uint64_t max_bytes, IncomingFile& out);
/// Read a file by path (the desktop's Open dialog); the same limits as TakeIncomingFile.
bool ReadFile(const std::string& path, std::uint64_t max_bytes, IncomingFile& out);

/// Persistent key-value storage (localStorage / a file per key). Get returns false when the key
/// is absent or storage is unavailable (private mode); Set returns false with *error on quota or
/// privacy failures.
bool StorageGet(const std::string& key, std::string& value);
bool StorageSet(const std::string& key, const std::string& value, std::string* error);
void StorageRemove(const std::string& key);

/// Can the app keep work in storage at all? False with *why (one sentence, lower case) in a frame
/// that forbids storage (sandboxed without allow-same-origin, or third-party storage blocked) or
/// when the browser refuses it outright. Checked once at startup; each write still reports its own
/// failure (StorageSet).
bool StorageAvailable(std::string* why);

/// Open an address in a new browser tab (the desktop: the system's browser); false when refused
/// (an embedding page's sandbox without allow-popups, a pop-up blocker): show the address instead.
bool OpenInNewTab(const std::string& url);

/// The URL fragment without '#' ("" on the desktop).
std::string GetFragment();
/// Replace the fragment without reloading (history.replaceState); "" removes it. No-op on the desktop.
void SetFragment(const std::string& fragment);
/// The page's address without fragment (for share links); "" where links make no sense (desktop).
std::string PageUrl();

/// Copy text to the clipboard. The result may come later (the browser's clipboard is
/// asynchronous): poll ClipboardResult.
void CopyText(const std::string& text);
/// 0 = pending, 1 = copied, -1 = refused (no permission, no clipboard): show the text instead.
int ClipboardResult();

/// Read device pixels of the current framebuffer (GL origin bottom-left), RGBA rows bottom first.
void ReadPixels(int x, int y, int width, int height, std::vector<std::uint8_t>& rgba);
/// Encode RGBA (top row first) as PNG and offer it like Download.
std::string SavePng(const std::string& file_name, int width, int height, const std::vector<std::uint8_t>& rgba,
                    std::string* error);

}  // namespace orgsim::ui::services
