// main.cpp: the one entry point of the app for browser and desktop: SDL window and GL context,
// Dear ImGui, fonts for the screen's pixel ratio, then the App's frame loop, which draws only when
// something changes (input, the app's animations and runs, a test's request) and for a few frames
// after, so that an idle page costs next to nothing. What differs between the platforms (GL
// version, loop, assets, DPI) is in platform_web.cpp / platform_desktop.cpp.
#include <SDL.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "web/app.h"
#include "web/platform.h"
#include "web/semantics.h"
#include "web/theme.h"
#include "web/ui_test_hooks.h"
#include "web/widgets.h"

#ifndef __EMSCRIPTEN__
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/services.h"
#endif

namespace {

using namespace orgsim::ui;

/// Frames drawn after the last reason to draw: ImGui settles hover states, popups and window sizes
/// over two or three frames (one more for margin; panels that need longer say so in WantsFrames).
constexpr int kSettleFrames = 4;
/// Frames drawn unconditionally at start (fonts, the first layout, the page's readiness check).
constexpr int kStartupFrames = 10;

/// Everything the frame loop needs. Heap-allocated: in the browser main() returns into the
/// event loop (its stack is gone) while frames keep running.
struct Runtime {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    std::string assets_dir;
    Theme theme;
    TestHooks hooks;
    Semantics semantics;  // what the canvas shows, mirrored into the page's DOM (web/a11y.js)
    std::string semantics_json;
    std::unique_ptr<App> app;
    Uint64 last_counter = 0;
    bool device_objects = false;  // ImGui's GL objects exist (after the first NewFrame)
    bool fullscreen_wanted = false;  // the app asked for full screen (presentation mode)
    bool fullscreen_seen = false;    // ... and the platform granted it at least once since
    int settle = kStartupFrames;     // frames still to draw without a new reason
#ifndef __EMSCRIPTEN__
    // --self-check: draw until the comparison's results are current, save a screenshot and the test
    // state into the working folder, quit (tests/desktop.sh runs it under Xvfb).
    bool self_check = false;
    int self_check_frames = 0;
    Uint64 self_check_start = 0;
#endif
};

#ifndef __EMSCRIPTEN__
/// Frames the self-check draws at least (fonts, layout, the first replications).
constexpr int kSelfCheckMinFrames = 30;
/// Seconds after which the self-check saves what it has even if the results are not current.
constexpr double kSelfCheckTimeoutSeconds = 120.0;

/// After a drawn frame (before the swap): true when the self-check is done (files written).
bool SelfCheckDone(Runtime& rt) {
    ++rt.self_check_frames;
    rt.hooks.RequestFrames(2);  // keep drawing while it waits
    const double secs = static_cast<double>(SDL_GetPerformanceCounter() - rt.self_check_start) /
                        static_cast<double>(SDL_GetPerformanceFrequency());
    bool current = false;
    try {
        const auto state = nlohmann::json::parse(rt.hooks.StateJson());
        current = state.at("runner").at("results_current").get<bool>() && !state.at("runner").at("running").get<bool>();
    } catch (const std::exception&) {
        current = false;
    }
    if (rt.self_check_frames < kSelfCheckMinFrames || (!current && secs < kSelfCheckTimeoutSeconds)) return false;
    int fw = 0, fh = 0;
    SDL_GL_GetDrawableSize(rt.window, &fw, &fh);
    std::vector<std::uint8_t> rgba;
    services::ReadPixels(0, 0, fw, fh, rgba);
    std::vector<std::uint8_t> top_first(rgba.size());  // GL rows are bottom first
    const std::size_t row = static_cast<std::size_t>(fw) * 4;
    for (int y = 0; y < fh; ++y)
        std::copy_n(rgba.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(fh - 1 - y)), row,
                    top_first.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
    std::string error;
    const std::string png = services::SavePng("orgsim-desktop.png", fw, fh, top_first, &error);
    const std::string json = services::Download("orgsim-desktop-state.json", "application/json", rt.hooks.StateJson(), &error);
    std::printf("self-check: %d frames in %.1f s, results %s; wrote %s and %s%s\n", rt.self_check_frames, secs,
                current ? "current" : "NOT current", png.c_str(), json.c_str(), error.empty() ? "" : (" (" + error + ")").c_str());
    return true;
}
#endif

// Device pixels per logical pixel of the window (2 on a "Retina" screen or browser at 200%).
float PixelRatio(SDL_Window* window) {
    int w = 0, h = 0, fw = 0, fh = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &fw, &fh);
    if (w <= 0 || fw <= 0) return 1.0f;
    const float r = static_cast<float>(fw) / static_cast<float>(w);
    return r < 0.5f ? 1.0f : r;
}

// Returns true when the fonts were rebuilt (the next frame must be drawn).
bool EnsureFonts(Runtime& rt) {
    const float ratio = PixelRatio(rt.window);
    // The platform's scale (monitor DPI) times the app's (larger type in presentation mode).
    const float scale = PlatformUiScale(rt.window) * (rt.app ? rt.app->UiScale() : 1.0f);
    if (!rt.theme.NeedsFonts(ratio, scale)) return false;
    std::string error;
    if (!rt.theme.LoadFonts(rt.assets_dir + "/fonts", ratio, scale, &error)) SDL_Log("OrgSim: %s", error.c_str());
    if (rt.device_objects) {  // the atlas changed after the backend uploaded it: upload again
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    return true;
}

// Presentation mode asks for full screen; when the platform leaves it by itself (the browser's Esc
// key never reaches the page), the app leaves presentation mode too. Returns true when something
// changed (the next frame must be drawn).
bool SyncFullscreen(Runtime& rt) {
    const bool want = rt.app->WantsFullscreen();
    if (want != rt.fullscreen_wanted) {
        rt.fullscreen_wanted = want;
        rt.fullscreen_seen = false;
        PlatformSetFullscreen(rt.window, want);
        return true;
    }
    if (!want) return false;
    const bool is = PlatformIsFullscreen(rt.window);
    if (is && !rt.fullscreen_seen) {
        rt.fullscreen_seen = true;
        return true;
    }
    if (!is && rt.fullscreen_seen) {
        rt.app->FullscreenEnded();
        return true;
    }
    return false;
}

bool Frame(void* user) {
    Runtime& rt = *static_cast<Runtime*>(user);
    bool keep_running = true;
    bool input = false;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        input = true;
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) keep_running = false;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(rt.window))
            keep_running = false;
    }
    const bool fonts = EnsureFonts(rt);
    const bool fullscreen = SyncFullscreen(rt);

    // Draw only when something changed: input, the app's own animations and runs, the page (a file
    // arrived) or a test asked; then a few more frames for ImGui to settle. Otherwise the frame is
    // skipped entirely: no ImGui frame, no GL work.
    const bool busy = ImGui::IsAnyItemActive();  // a drag or a text field in progress
    if (input || fonts || fullscreen || busy || rt.app->WantsFrames() || rt.hooks.TakeFrameRequest() || PlatformFrameRequested() ||
        rt.semantics.HasPending())
        rt.settle = std::max(rt.settle, kSettleFrames);
    const Uint64 now = SDL_GetPerformanceCounter();
    const Uint64 freq = SDL_GetPerformanceFrequency();
    if (rt.settle <= 0) {
        rt.last_counter = now;  // the next drawn frame's time step starts here, not at the last drawn frame
        PlatformIdle();
        return keep_running;
    }
    --rt.settle;

    const std::int64_t dt_us =
        rt.last_counter == 0 ? 0 : static_cast<std::int64_t>((now - rt.last_counter) * 1000000ULL / freq);
    rt.last_counter = now;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    PlatformBeforeNewFrame();  // a paste from the page
    SemBeforeFrame();  // the page's activations of ImGui items (processed by NewFrame)
    rt.app->BeforeNewFrame();  // a wheel no window can use scrolls a short window's page
    ImGui::NewFrame();
    rt.device_objects = true;
    rt.hooks.BeginFrame();
    rt.semantics.BeginFrame();
    rt.app->Frame(dt_us);
    TooltipEndFrame();
    SemAfterFrame();
    if (rt.semantics.EndFrame(&rt.semantics_json)) PlatformPublishSemantics(rt.semantics_json);
    ImGui::Render();

    int fw = 0, fh = 0;
    SDL_GL_GetDrawableSize(rt.window, &fw, &fh);
    const ImVec4 bg = rt.theme.ClearColour();
    PlatformClear(fw, fh, bg.x, bg.y, bg.z);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    rt.app->AfterRender();  // before the swap: the back buffer still holds this frame
#ifndef __EMSCRIPTEN__
    if (rt.self_check && SelfCheckDone(rt)) keep_running = false;
#endif
    SDL_GL_SwapWindow(rt.window);
    return keep_running;
}

// "--scenario NAME" picks <assets>/scenarios/NAME.json; "--scenario PATH" (with a '/' or ending in
// .json) a file. The page passes ?scenario=NAME through.
std::string ScenarioPath(int argc, char** argv, const std::string& assets_dir) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) != "--scenario") continue;
        const std::string v = argv[i + 1];
        const bool is_path = v.find('/') != std::string::npos ||
                             (v.size() > 5 && v.compare(v.size() - 5, 5, ".json") == 0);
        return is_path ? v : assets_dir + "/scenarios/" + v + ".json";
    }
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        PlatformReportFatal(std::string("Could not start SDL: ") + SDL_GetError());
        return 1;
    }
    auto* rt = new Runtime();
    rt->assets_dir = PlatformAssetsDir();
    const char* glsl_version = PlatformConfigureGl();
    int width = 0, height = 0;
    PlatformInitialWindowSize(&width, &height);
    const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | PlatformWindowFlags();
    rt->window = SDL_CreateWindow("OrgSim", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (!rt->window) {
        PlatformReportFatal(std::string("Could not create the window: ") + SDL_GetError());
        return 1;
    }
    rt->gl = SDL_GL_CreateContext(rt->window);
    if (!rt->gl) {
        PlatformReportFatal(std::string("Could not create an OpenGL context: ") + SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(rt->window, rt->gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed from the window size; nothing to save
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    ImGui_ImplSDL2_InitForOpenGL(rt->window, rt->gl);
    ImGui_ImplOpenGL3_Init(glsl_version);
    PlatformInitClipboard();

    rt->theme.Apply(ThemeKind::Light);
    EnsureFonts(*rt);
    SetActiveTestHooks(&rt->hooks);
    SetActiveSemantics(&rt->semantics);
    rt->app = std::make_unique<App>(rt->assets_dir, ScenarioPath(argc, argv, rt->assets_dir), rt->theme, rt->hooks);
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--embed") rt->app->SetEmbedded(true);  // ?embed=1 (web/boot.js)
#ifndef __EMSCRIPTEN__
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--self-check") {
            rt->self_check = true;
            rt->self_check_start = SDL_GetPerformanceCounter();
            SDL_WarpMouseInWindow(rt->window, 4, 4);  // the pointer starts mid-screen (Xvfb): no tooltip in the shot
        }
#endif

    PlatformRunLoop(Frame, rt);  // returns only on the desktop, when the window closes

    SetActiveTestHooks(nullptr);
    SetActiveSemantics(nullptr);
    rt->app.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(rt->gl);
    SDL_DestroyWindow(rt->window);
    delete rt;
    SDL_Quit();
    return 0;
}
