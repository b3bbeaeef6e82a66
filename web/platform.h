// platform.h: the few things that differ between the browser (Emscripten, WebGL2) and the desktop
// (SDL2, OpenGL 3.2 core): GL context attributes, the main loop, where assets live, UI scale and
// how a fatal error reaches the user. One implementation per platform, chosen by CMake.
#pragma once

#include <memory>
#include <string>

struct SDL_Window;

namespace orgsim::ui {

class TaskPool;

/// One frame of the application; returns false to quit.
using LoopBody = bool (*)(void* user);

/// Set SDL's OpenGL attributes for this platform. Call after SDL_Init and before SDL_CreateWindow.
/// Returns the GLSL version line for ImGui's OpenGL3 backend ("#version 300 es", "#version 150").
const char* PlatformConfigureGl();

/// Extra SDL_CreateWindow flags for this platform (on top of OPENGL | RESIZABLE | ALLOW_HIGHDPI).
unsigned PlatformWindowFlags();

/// Initial window size in logical pixels (the browser sizes the canvas with CSS instead).
void PlatformInitialWindowSize(int* width, int* height);

/// Folder holding fonts/ and scenarios/ ("/assets" in the browser's embedded file system).
std::string PlatformAssetsDir();

/// The model's documentation (docs/model.md): embedded as <assets>/docs/model.md in the browser;
/// read from the source tree on the desktop (ORGSIM_MODEL_DOC), so that edits show without a build.
std::string PlatformModelDocPath(const std::string& assets_dir);

/// Logical UI scale on top of the framebuffer ratio, 1..3. The browser already works in CSS pixels
/// (zoom and devicePixelRatio are handled by the framebuffer ratio), so it returns 1; a desktop
/// whose window coordinates are device pixels returns its monitor's DPI / 96.
float PlatformUiScale(SDL_Window* window);

/// Ask for full screen (presentation mode) or leave it. The browser may refuse (no recent user
/// gesture, iframe policy): failures are ignored and the app works in the window.
void PlatformSetFullscreen(SDL_Window* window, bool on);
/// True while the window or page is full screen.
bool PlatformIsFullscreen(SDL_Window* window);

/// Clear the whole framebuffer (device pixels) to an opaque colour (components 0..1).
void PlatformClear(int framebuffer_width, int framebuffer_height, float r, float g, float b);

/// Call body once per displayed frame until it returns false. In the browser this hands control to
/// requestAnimationFrame and does not return, so everything body uses must live on the heap.
void PlatformRunLoop(LoopBody body, void* user);

/// True when the host asks for a frame although no SDL event came (the browser page: a file it read
/// for the app is waiting). The desktop never does.
bool PlatformFrameRequested();

/// Called instead of a frame when nothing needs drawing. The browser returns at once (the next
/// requestAnimationFrame comes anyway); the desktop waits up to a frame's time for an event, so
/// that its loop does not spin without vsync's pacing.
void PlatformIdle();

/// The user asks for more contrast (the browser's prefers-contrast: more): the theme switches to its
/// high-contrast variant. The desktop returns false.
bool PrefersMoreContrast();
/// The user asks for less motion (the browser's prefers-reduced-motion: reduce): the app's fades
/// become instant. The desktop returns false.
bool PrefersReducedMotion();

/// The pool that runs replications off the UI thread (web/pool_web.cpp: Web Workers;
/// web/pool_desktop.cpp: threads). Never null; its Workers() may be 0 (then the Runner uses slices).
std::unique_ptr<TaskPool> PlatformCreateTaskPool();

/// Hand the page the app's semantics tree (web/semantics.h JSON) to mirror into the DOM (web/a11y.js).
/// The desktop has no page: it ignores it.
void PlatformPublishSemantics(const std::string& json);

/// After ImGui's SDL backend is set up: make Ctrl+V paste what the user pasted and Ctrl+C copy to the
/// system clipboard. The desktop keeps SDL's clipboard; the browser takes the page's paste events
/// (SDL has no clipboard in the browser) and writes copies with the Clipboard API.
void PlatformInitClipboard();
/// Between the SDL backend's frame and ImGui's: input the platform delivers outside SDL (a paste).
void PlatformBeforeNewFrame();

/// Tell the user about an error the app cannot recover from: the page's error card in the
/// browser, stderr and a message box on the desktop.
void PlatformReportFatal(const std::string& message);

}  // namespace orgsim::ui
