// pool_web.cpp: the browser's TaskPool: the Web Workers of web/pool.js (loaded by index.html), one
// WebAssembly instance each (web/worker.js, web/worker_main.cpp). The prepared scenarios go to the
// workers as WriteScenario's JSON, once per run; results come back as binary buffers
// (web/pool_codec.h) through orgsim_pool_result(), exported below, and wait in an inbox until the
// Runner drains them in a frame.
#include <emscripten.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "web/platform.h"
#include "web/pool_codec.h"
#include "web/workspace.h"

namespace orgsim::ui {
namespace {

// Workers the page's pool would use: 0 without pool.js, without Worker support, on file://, with
// ?workers=0, or once the pool found that its workers cannot start.
EM_JS(int, JsPoolSize, (), {
    if (typeof OrgSimPool !== 'function') return 0;
    if (Module["orgsimPool"] && Module["orgsimPool"].broken) return 0;
    return OrgSimPool.poolSize();
});

EM_JS(void, JsPoolScenario, (int index, const char* json), {
    if (index === 0) Module["orgsimPoolScenarios"] = [];
    Module["orgsimPoolScenarios"][index] = UTF8ToString(json);
});

// Start a run; the pool (created at the first run and kept) calls back with results and failures.
EM_JS(void, JsPoolStart, (double generation, int task_count, int keep_series, int first_replication), {
    if (!Module["orgsimPool"]) {
        var copyIn = function (bytes) {
            var p = Module["_malloc"](Math.max(1, bytes.length));
            HEAPU8.set(bytes, p);  // after malloc: memory may have grown
            return p;
        };
        Module["orgsimPool"] = new OrgSimPool({
            result: function (gen, task, buffer) {
                var bytes = new Uint8Array(buffer);
                var p = copyIn(bytes);
                Module["_orgsim_pool_result"](gen, task, p, bytes.length);
                Module["_free"](p);
            },
            failed: function (gen, message) {
                var text = new TextEncoder().encode(String(message));
                var bytes = new Uint8Array(text.length + 1);  // zero-terminated (no backslash in EM_JS)
                bytes.set(text);
                var p = copyIn(bytes);
                Module["_orgsim_pool_failed"](gen, p);
                Module["_free"](p);
            },
        });
        window["orgsimPool"] = Module["orgsimPool"];  // tests and scripts/bench_pool.mjs read it
    }
    Module["orgsimPool"].start(generation, Module["orgsimPoolScenarios"], task_count, keep_series !== 0, first_replication);
});

EM_JS(void, JsPoolCancel, (), {
    if (Module["orgsimPool"]) Module["orgsimPool"].cancel();
});

class WebTaskPool;
WebTaskPool* g_pool = nullptr;  // the exported callbacks below reach the one pool of the page

class WebTaskPool final : public TaskPool {
public:
    WebTaskPool() { g_pool = this; }
    ~WebTaskPool() override {
        JsPoolCancel();
        if (g_pool == this) g_pool = nullptr;
    }
    WebTaskPool(const WebTaskPool&) = delete;
    WebTaskPool& operator=(const WebTaskPool&) = delete;

    int Workers() const override { return JsPoolSize(); }

    bool Start(std::uint64_t generation, const Experiment& e) override {
        std::vector<std::string> texts;
        for (int i = 0; i < e.ScenarioCount(); ++i) {
            texts.push_back(WorkerScenarioText(e.GetScenario(i)));
            if (texts.back().empty()) return false;  // would not reach the worker bit for bit
            if (const StructureOverride* o = e.OverrideOf(i)) texts.back() = EncodeOverride(*o) + texts.back();
            texts.back() = EncodeCheckpoint(e.CheckpointEvery()) + texts.back();
        }
        for (std::size_t i = 0; i < texts.size(); ++i) JsPoolScenario(static_cast<int>(i), texts[i].c_str());
        JsPoolStart(static_cast<double>(generation), e.TaskCount(), e.KeepsSeries() ? 1 : 0, e.FirstReplication());
        return true;
    }

    void Cancel() override { JsPoolCancel(); }

    void Drain(std::vector<PoolEvent>& out) override {
        for (PoolEvent& ev : inbox_) out.push_back(std::move(ev));
        inbox_.clear();
    }

    void Push(PoolEvent ev) { inbox_.push_back(std::move(ev)); }

private:
    std::vector<PoolEvent> inbox_;
};

}  // namespace

std::unique_ptr<TaskPool> PlatformCreateTaskPool() { return std::make_unique<WebTaskPool>(); }

}  // namespace orgsim::ui

/// Called by web/pool.js with a worker's result (copied into this module's memory, freed after).
extern "C" EMSCRIPTEN_KEEPALIVE void orgsim_pool_result(double generation, int task, const std::uint8_t* data, int size) {
    using namespace orgsim::ui;
    if (!g_pool) return;
    PoolEvent ev;
    ev.generation = static_cast<std::uint64_t>(generation);
    if (size < 0 || !DecodeResult(task, data, static_cast<std::size_t>(size), ev.result)) {
        ev.failed = true;
        ev.message = "a worker's result could not be read";
    }
    g_pool->Push(std::move(ev));
}

/// Called by web/pool.js when it gives a run up (workers that cannot start, a task that kills them).
extern "C" EMSCRIPTEN_KEEPALIVE void orgsim_pool_failed(double generation, const char* message) {
    using namespace orgsim::ui;
    if (!g_pool) return;
    PoolEvent ev;
    ev.generation = static_cast<std::uint64_t>(generation);
    ev.failed = true;
    ev.message = message ? message : "";
    g_pool->Push(std::move(ev));
}
