// platform_web.cpp: the browser platform: WebGL2 (GLSL ES 3.00), requestAnimationFrame main loop
// (frames are skipped while nothing changes; the page may ask for one), embedded /assets, and fatal
// errors shown in the page's error card (index.html).
#include "web/platform.h"

#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "imgui.h"

namespace orgsim::ui {

const char* PlatformConfigureGl() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);  // WebGL2 is OpenGL ES 3.0
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);  // ImGui draws 2D only
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    return "#version 300 es";
}

unsigned PlatformWindowFlags() { return 0; }

void PlatformInitialWindowSize(int* width, int* height) {
    // Overridden by the canvas' CSS size (100vw x 100vh) because the window is resizable.
    *width = 1280;
    *height = 720;
}

std::string PlatformAssetsDir() { return "/assets"; }

std::string PlatformModelDocPath(const std::string& assets_dir) { return assets_dir + "/docs/model.md"; }

float PlatformUiScale(SDL_Window*) { return 1.0f; }

void PlatformClear(int framebuffer_width, int framebuffer_height, float r, float g, float b) {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

namespace {
// index.html installs Module.orgsimFatal, which replaces the loading card with an error card.
EM_JS(void, ShowFatalInPage, (const char* message), {
    if (Module["orgsimFatal"]) Module["orgsimFatal"](UTF8ToString(message));
});

// Fullscreen the whole page (the canvas follows with CSS); a refused request is ignored.
EM_JS(void, RequestPageFullscreen, (int on), {
    try {
        var d = document;
        if (on) {
            var el = d.documentElement;
            if (!d.fullscreenElement && el.requestFullscreen) {
                var pr = el.requestFullscreen();
                if (pr && pr.catch) pr.catch(function () {});
            }
        } else if (d.fullscreenElement && d.exitFullscreen) {
            var px = d.exitFullscreen();
            if (px && px.catch) px.catch(function () {});
        }
    } catch (e) {
    }
});

EM_JS(int, PageIsFullscreen, (), { return document.fullscreenElement ? 1 : 0; });

struct LoopState {
    LoopBody body;
    void* user;
};

void LoopTrampoline(void* arg) {
    auto* state = static_cast<LoopState*>(arg);
    if (!state->body(state->user)) emscripten_cancel_main_loop();
}
}  // namespace

void PlatformSetFullscreen(SDL_Window*, bool on) { RequestPageFullscreen(on ? 1 : 0); }

bool PlatformIsFullscreen(SDL_Window*) { return PageIsFullscreen() != 0; }

void PlatformRunLoop(LoopBody body, void* user) {
    // Lives for the page's lifetime: main's stack is unwound by simulate_infinite_loop.
    auto* state = new LoopState{body, user};
    // fps 0: follow requestAnimationFrame (the display's refresh rate, paused in hidden tabs).
    emscripten_set_main_loop_arg(LoopTrampoline, state, 0, 1);
}

namespace {
// index.html queues files the user opened or dropped in orgsimIO.queue; the app takes them in a frame.
EM_JS(int, PageWantsFrame, (), {
    var io = window["orgsimIO"];
    return io && io.queue && io.queue.length ? 1 : 0;
});

// The user's display preferences (media queries): matched once, then kept current by their change
// events, which also ask for a frame so that an idle page follows a change at once.
EM_JS(int, MediaPreference, (int which), {
    var m = Module["orgsimMedia"];
    if (!m) {
        m = Module["orgsimMedia"] = {lists: [], changed: 0};
        var queries = ["(prefers-contrast: more)", "(prefers-reduced-motion: reduce)"];
        for (var i = 0; i < queries.length; ++i) {
            var l = null;
            try {
                l = window.matchMedia ? window.matchMedia(queries[i]) : null;
            } catch (e) {
            }
            if (l) {
                var on = function () { m.changed = 1; };
                if (l.addEventListener) l.addEventListener("change", on);
                else if (l.addListener) l.addListener(on);
            }
            m.lists.push(l);
        }
    }
    var list = m.lists[which];
    return list && list.matches ? 1 : 0;
});

EM_JS(int, MediaPreferenceChanged, (), {
    var m = Module["orgsimMedia"];
    if (!m || !m.changed) return 0;
    m.changed = 0;
    return 1;
});
}  // namespace


bool PrefersMoreContrast() { return MediaPreference(0) != 0; }

bool PrefersReducedMotion() { return MediaPreference(1) != 0; }

void PlatformIdle() {}

namespace {
// web/a11y.js mirrors the tree into positioned DOM elements and sends actions back through
// Module._orgsim_a11y_action.
EM_JS(void, PublishSemanticsToPage, (const char* json), {
    var a = window["orgsimA11y"];
    if (a && a.update) a.update(UTF8ToString(json), Module);
});
}  // namespace

void PlatformPublishSemantics(const std::string& json) { PublishSemanticsToPage(json.c_str()); }

// ---- Clipboard: the page's paste events in, the Clipboard API out ------------------------------------
// SDL cancels the default action of Ctrl+V (Cmd+V) in the browser, so the page never receives the
// paste. A capture listener lets that key through to the browser instead (SDL does not see it); the
// browser then fires 'paste' with the text, which is kept and handed to ImGui as a Ctrl+V press in
// the next frame (PlatformBeforeNewFrame), so a field pastes exactly as on the desktop (one undo step,
// the selection replaced, the field's filters). Copies (Ctrl+C in a field) go to the system clipboard
// with the Clipboard API when the browser allows.
EM_JS(void, InstallPasteListener, (), {
    if (Module["orgsimPaste"]) return;
    var st = Module["orgsimPaste"] = {text: "", serial: 0, pending: 0};
    window.addEventListener("keydown", function (e) {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "v" || e.key === "V")) e.stopImmediatePropagation();
    }, true);
    document.addEventListener("paste", function (e) {
        var t = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        if (typeof t !== "string") return;
        st.text = t;
        st.serial++;
        st.pending = 1;
        e.preventDefault();
    }, true);
});
EM_JS(int, PasteSerial, (), { return Module["orgsimPaste"] ? Module["orgsimPaste"].serial : 0; });
EM_JS(int, TakePastePending, (), {
    var st = Module["orgsimPaste"];
    if (!st || !st.pending) return 0;
    st.pending = 0;
    return 1;
});
EM_JS(int, PastePending, (), { return Module["orgsimPaste"] && Module["orgsimPaste"].pending ? 1 : 0; });
EM_JS(char*, PastedText, (), {
    var t = Module["orgsimPaste"] ? Module["orgsimPaste"].text : "";
    var n = lengthBytesUTF8(t) + 1;
    var p = _malloc(n);
    stringToUTF8(t, p, n);
    return p;
});
EM_JS(void, WriteSystemClipboard, (const char* text), {
    try {
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(UTF8ToString(text)).catch(function () {});
    } catch (e) {}
});

namespace {
std::string g_clipboard;  // what Ctrl+V gives: the last paste, or the app's own last copy
int g_paste_serial = 0;
int g_paste_frame = 0;    // 1: the synthetic Ctrl+V is down this frame; 0: none

const char* GetClipboard(void*) {
    const int serial = PasteSerial();
    if (serial != g_paste_serial) {
        g_paste_serial = serial;
        char* text = PastedText();
        g_clipboard = text ? text : "";
        std::free(text);
    }
    return g_clipboard.c_str();
}

void SetClipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    WriteSystemClipboard(g_clipboard.c_str());
}
}  // namespace

void PlatformInitClipboard() {
    InstallPasteListener();
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboard;
    io.ClipboardUserData = nullptr;
}

void PlatformBeforeNewFrame() {
    ImGuiIO& io = ImGui::GetIO();
    const int v = io.KeyMap[ImGuiKey_V];
    if (v < 0 || v >= IM_ARRAYSIZE(io.KeysDown)) return;
    if (g_paste_frame == 1) {  // release the synthetic press; the modifiers as they really are
        io.KeysDown[v] = false;
        io.KeyCtrl = (SDL_GetModState() & KMOD_CTRL) != 0;
        io.KeySuper = (SDL_GetModState() & KMOD_GUI) != 0;
        g_paste_frame = 0;
    } else if (TakePastePending()) {
        io.KeysDown[v] = true;
        io.KeyCtrl = true;  // ImGui's paste shortcut (Ctrl+V; also on macOS, where ImGui swaps Cmd and Ctrl)
        g_paste_frame = 1;
    }
}

bool PlatformFrameRequested() { return PageWantsFrame() != 0 || MediaPreferenceChanged() != 0 || PastePending() != 0 || g_paste_frame != 0; }

void PlatformReportFatal(const std::string& message) {
    std::fprintf(stderr, "OrgSim: %s\n", message.c_str());
    ShowFatalInPage(message.c_str());
}

}  // namespace orgsim::ui
