// platform_desktop.cpp: the desktop platform: OpenGL 3.2 core (GLSL 1.50), a vsynced while loop,
// assets from the build tree (ORGSIM_ASSETS_DIR), the model's documentation from the source tree
// (ORGSIM_MODEL_DOC) and a UI scale from the monitor's DPI.
#include "web/platform.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#ifndef ORGSIM_ASSETS_DIR
#define ORGSIM_ASSETS_DIR "assets"
#endif

namespace orgsim::ui {

const char* PlatformConfigureGl() {
    // 3.2 core is the newest profile macOS and every Linux/Windows driver of the last decade offer.
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    return "#version 150";
}

unsigned PlatformWindowFlags() { return SDL_WINDOW_MAXIMIZED; }

void PlatformInitialWindowSize(int* width, int* height) {
    *width = 1440;
    *height = 900;
}

std::string PlatformAssetsDir() {
    if (const char* env = std::getenv("ORGSIM_ASSETS_DIR")) return env;
    return ORGSIM_ASSETS_DIR;
}

std::string PlatformModelDocPath(const std::string& assets_dir) {
#ifdef ORGSIM_MODEL_DOC
    (void)assets_dir;
    return ORGSIM_MODEL_DOC;
#else
    return assets_dir + "/docs/model.md";
#endif
}

float PlatformUiScale(SDL_Window* window) {
    // ORGSIM_UI_SCALE overrides (e.g. 1.5 for a projector); otherwise the display's DPI / 96, in
    // quarter steps. Where the OS already scales (macOS, Wayland), the framebuffer ratio does it.
    if (const char* env = std::getenv("ORGSIM_UI_SCALE")) {
        const double v = std::atof(env);
        if (v >= 1.0 && v <= 3.0) return static_cast<float>(v);
    }
    int w = 0, h = 0, fw = 0, fh = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &fw, &fh);
    if (w > 0 && fw > w) return 1.0f;  // the OS scales already
    float ddpi = 0.0f;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &ddpi, nullptr, nullptr) != 0 || ddpi <= 0.0f) return 1.0f;
    float s = std::round(ddpi / 96.0f * 4.0f) / 4.0f;
    return s < 1.0f ? 1.0f : (s > 3.0f ? 3.0f : s);
}

void PlatformClear(int framebuffer_width, int framebuffer_height, float r, float g, float b) {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

void PlatformSetFullscreen(SDL_Window* window, bool on) {
    SDL_SetWindowFullscreen(window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);  // failures leave the window as it is
}

bool PlatformIsFullscreen(SDL_Window* window) {
    return (SDL_GetWindowFlags(window) & (SDL_WINDOW_FULLSCREEN | SDL_WINDOW_FULLSCREEN_DESKTOP)) != 0;
}

void PlatformRunLoop(LoopBody body, void* user) {
    SDL_GL_SetSwapInterval(1);  // vsync paces the loop like requestAnimationFrame does in the browser
    while (body(user)) {
    }
}

bool PlatformFrameRequested() { return false; }

bool PrefersMoreContrast() { return false; }

bool PrefersReducedMotion() { return false; }

void PlatformIdle() {
    // Without a swap there is no vsync to pace the loop: sleep until an event or about a frame.
    SDL_WaitEventTimeout(nullptr, 16);
}

void PlatformPublishSemantics(const std::string&) {}

void PlatformInitClipboard() {}  // SDL's clipboard is the system's
void PlatformBeforeNewFrame() {}

void PlatformReportFatal(const std::string& message) {
    std::fprintf(stderr, "OrgSim: %s\n", message.c_str());
    SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "OrgSim", message.c_str(), nullptr);
}

}  // namespace orgsim::ui
