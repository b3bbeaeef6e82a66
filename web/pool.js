// pool.js: the pool of Web Workers that run the app's replications (one WebAssembly instance each,
// web/worker.js), loaded by index.html before the app. Plain postMessage with transferred
// ArrayBuffers: no SharedArrayBuffer, so any static host serves it (no COOP/COEP headers).
//
// The app (web/pool_web.cpp) starts a run with its prepared scenarios and the number of tasks; the
// pool sends the scenarios to each worker once per run, hands out tasks in order (about a quarter
// of a second of work queued per worker), and passes each result to the app, which merges them in
// task order. A new run or a cancel stops stale work at once: workers with work in flight are
// terminated (a replacement only instantiates the module compiled once) and results of an earlier
// run are dropped. A worker that dies (an error event, or no answer for SILENT_MS) is replaced and
// its tasks are handed out again; a task that killed MAX_ATTEMPTS workers, or workers that cannot
// start at all, make the pool give the run back to the app (which then runs it on the page). The
// workers are created at the first run and kept.
//
// Size: navigator.hardwareConcurrency - 1 workers (at least 1); ?workers=N in the page's address
// overrides it, and ?workers=0 (or no Worker support, or a file:// page) turns the pool off.
'use strict';

(function () {
  // Tasks queued per worker: enough for QUEUE_MS of work, so that a worker never waits for the page
  // (whose thread is busy drawing and answers messages only between frames), within [2, 64].
  const QUEUE_MS = 250;
  const MIN_IN_FLIGHT = 2, MAX_IN_FLIGHT = 64;
  const MAX_ATTEMPTS = 3;   // a task that was in flight on this many dying workers is given up
  const MAX_START_FAILURES = 3;  // workers in a row that died before they were ready: the pool is broken
  // A worker with tasks that has not answered for this long (and 20 tasks' time) is taken for dead:
  // a browser may stop a worker without an error event.
  const SILENT_MS = 30000;
  const WORKER_SCRIPT = 'worker.js';
  const WORKER_WASM = 'orgsim_worker.wasm';

  /// Workers the pool uses on this page (0: none, the app runs replications itself).
  function poolSize() {
    if (typeof Worker !== 'function' || typeof WebAssembly !== 'object') return 0;
    if (!/^https?:$/.test(location.protocol)) return 0;  // file://: workers and wasm cannot load
    // A frame sandboxed without allow-same-origin has an opaque origin: no script URL is
    // same-origin with it, so new Worker() throws. The app then runs replications on the page.
    if (self.origin === 'null') return 0;
    const asked = new URLSearchParams(location.search).get('workers');
    if (asked !== null && /^\d{1,2}$/.test(asked)) return Math.min(Number(asked), 16);
    return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
  }

  /// Compile the worker's module once (streaming where the server sends application/wasm).
  function compileWorkerModule() {
    const url = new URL(WORKER_WASM, location.href).href;
    const viaBuffer = () => fetch(url).then((r) => {
      if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + WORKER_WASM);
      return r.arrayBuffer();
    }).then((b) => WebAssembly.compile(b));
    if (WebAssembly.compileStreaming) return WebAssembly.compileStreaming(fetch(url)).catch(viaBuffer);
    return viaBuffer();
  }

  class OrgSimPool {
    /// sink.result(generation, task, ArrayBuffer) and sink.failed(generation, message) are called
    /// for the current run only.
    constructor(sink) {
      this.sink = sink;
      this.size = poolSize();
      this.slots = [];          // {worker, id, ready, generation (scenarios sent), inflight: Set of tasks}
      this.job = null;          // the current run
      this.wasm = null;         // Promise of the compiled WebAssembly.Module (null module: workers fetch it)
      this.nextId = 0;
      this.startFailures = 0;
      this.broken = false;
      this.stats = { dispatched: 0, received: 0, dropped: 0, deaths: 0, terminated: 0, spawned: 0, taskMs: 0, tasks: 0 };
      this.recentTaskMs = 20;   // a worker's time per task, smoothed (the first run's guess)
      this.watchdog = 0;        // setInterval id while a run is on
    }

    inFlight() {
      return Math.max(MIN_IN_FLIGHT, Math.min(MAX_IN_FLIGHT, Math.ceil(QUEUE_MS / Math.max(0.1, this.recentTaskMs))));
    }

    // ---- What the app calls -------------------------------------------------------------------
    /// Start run `generation`: scenarios are WriteScenario texts of the prepared scenarios; task t is
    /// replication firstReplication + floor(t / scenarios.length) of scenario t % scenarios.length.
    start(generation, scenarios, taskCount, keepSeries, firstReplication = 0) {
      this.stopStaleWork();
      this.job = { generation, scenarios, taskCount, keepSeries, firstReplication, next: 0, retry: [], attempts: new Map() };
      if (this.broken) {
        this.fail('the replication workers could not start');
        return;
      }
      if (!this.wasm) this.wasm = compileWorkerModule().catch((err) => {
        console.warn('OrgSim: the workers fetch their module themselves:', err);
        return null;
      });
      try {
        while (this.slots.length < this.size) this.spawn();
      } catch (err) {  // the browser refuses workers here (e.g. a sandboxed frame): the app runs the run itself
        console.warn('OrgSim: the replication workers cannot start here:', err && err.name);
        this.broken = true;
        this.fail('the replication workers could not start');
        return;
      }
      if (!this.watchdog) this.watchdog = setInterval(() => this.checkSilent(), 1000);
      this.pump();
    }

    /// Stop the current run's work at once.
    cancel() {
      this.stopStaleWork();
      this.job = null;
    }

    /// Workers that hold tasks but stopped answering are replaced like dead ones.
    checkSilent() {
      if (!this.job) {
        clearInterval(this.watchdog);
        this.watchdog = 0;
        return;
      }
      const now = performance.now();
      const limit = Math.max(SILENT_MS, 20 * this.recentTaskMs);
      for (const slot of [...this.slots])
        if (slot.inflight.size && now - slot.lastHeard > limit) this.died(slot, 'no answer for ' + Math.round(limit / 1000) + ' s');
    }

    /// For tests and the benchmark: what the pool is doing.
    info() {
      let inflight = 0, busy = 0, ready = 0;
      for (const s of this.slots) {
        inflight += s.inflight.size;
        if (s.inflight.size) ++busy;
        if (s.ready) ++ready;
      }
      return Object.assign({ size: this.size, workers: this.slots.length, ready, busy, inflight, broken: this.broken,
                             generation: this.job ? this.job.generation : -1 }, this.stats);
    }

    /// For tests: kill worker `index` ('crash': it throws, and its error event reports it; otherwise
    /// it is terminated and handled as dead at once, where a silent death in the wild is noticed by
    /// checkSilent after SILENT_MS). Returns the tasks it had in flight.
    testKill(index, how) {
      const slot = this.slots[index];
      if (!slot) return [];
      const tasks = [...slot.inflight];
      if (how === 'crash') slot.worker.postMessage({ type: 'crash' });
      else {
        slot.worker.terminate();
        this.died(slot, 'terminated by a test');
      }
      return tasks;
    }

    // ---- Workers ------------------------------------------------------------------------------
    spawn() {
      const slot = { worker: new Worker(WORKER_SCRIPT), id: this.nextId++, ready: false, generation: -1, inflight: new Set(),
                     lastHeard: performance.now() };
      ++this.stats.spawned;
      slot.worker.onmessage = (e) => this.onMessage(slot, e.data);
      slot.worker.onerror = (e) => {
        e.preventDefault();  // handled here: not a page error
        this.died(slot, e.message || 'error');
      };
      slot.worker.onmessageerror = () => this.died(slot, 'a message could not be read');
      this.wasm.then((wasm) => {
        if (!this.slots.includes(slot)) return;
        try {
          slot.worker.postMessage({ type: 'init', wasm });
        } catch (err) {  // a browser that cannot send compiled modules: the worker fetches its own
          slot.worker.postMessage({ type: 'init', wasm: null });
        }
      });
      this.slots.push(slot);
      return slot;
    }

    /// Terminate workers with work in flight (that work is stale) and forget them.
    stopStaleWork() {
      for (const slot of [...this.slots]) {
        if (!slot.inflight.size) continue;
        slot.worker.terminate();
        ++this.stats.terminated;
        this.slots.splice(this.slots.indexOf(slot), 1);
      }
    }

    died(slot, why) {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;  // already replaced
      this.slots.splice(at, 1);
      slot.worker.terminate();
      ++this.stats.deaths;
      console.warn('OrgSim: replication worker ' + slot.id + ' died (' + why + '); replacing it');
      if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
        this.broken = true;
        this.fail('the replication workers could not start (' + why + ')');
        return;
      }
      const job = this.job;
      if (job && slot.generation === job.generation) {
        for (const task of slot.inflight) {
          const n = (job.attempts.get(task) || 0) + 1;
          job.attempts.set(task, n);
          if (n >= MAX_ATTEMPTS) {
            this.fail('replication task ' + task + ' stopped ' + n + ' workers (' + why + ')');
            return;
          }
          job.retry.push(task);
        }
        job.retry.sort((a, b) => a - b);
      }
      if (job) {
        while (this.slots.length < this.size) this.spawn();
        this.pump();
      }
    }

    /// Give the run back to the app (it continues on the page).
    fail(message) {
      const job = this.job;
      this.cancel();
      if (job) this.sink.failed(job.generation, message);
    }

    // ---- Tasks --------------------------------------------------------------------------------
    /// Hand out tasks in order (tasks of dead workers first) until every ready worker has inFlight() queued.
    pump() {
      const job = this.job;
      if (!job) return;
      const depth = this.inFlight();
      // Only to workers that have loaded: one that is still loading holds no task, so a new run never
      // has to terminate it (which would also abort its download).
      for (const slot of this.slots.filter((x) => x.ready)) {
        while (slot.inflight.size < depth) {
          let task;
          if (job.retry.length) task = job.retry.shift();
          else if (job.next < job.taskCount) task = job.next++;
          else return;
          if (!slot.inflight.size) slot.lastHeard = performance.now();  // the silence starts with its first task
          if (slot.generation !== job.generation) {
            slot.worker.postMessage({ type: 'scenarios', generation: job.generation, scenarios: job.scenarios });
            slot.generation = job.generation;
          }
          const n = job.scenarios.length;
          slot.worker.postMessage({ type: 'run', generation: job.generation, task, scenario: task % n,
                                    replication: job.firstReplication + Math.floor(task / n), keepSeries: job.keepSeries });
          slot.inflight.add(task);
          ++this.stats.dispatched;
        }
      }
    }

    onMessage(slot, msg) {
      slot.lastHeard = performance.now();
      if (msg.type === 'ready') {
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
        return;
      }
      if (!this.slots.includes(slot)) return;  // a worker already let go
      ++this.stats.received;
      slot.inflight.delete(msg.task);
      const job = this.job;
      if (!job || msg.generation !== job.generation) {
        ++this.stats.dropped;
        return;
      }
      if (msg.type === 'error') {
        this.fail('replication task ' + msg.task + ' failed: ' + msg.message);
        return;
      }
      ++this.stats.tasks;
      this.stats.taskMs += msg.ms || 0;
      if (msg.ms > 0) this.recentTaskMs = 0.8 * this.recentTaskMs + 0.2 * msg.ms;
      this.sink.result(job.generation, msg.task, msg.buffer);
      this.pump();
    }
  }

  OrgSimPool.poolSize = poolSize;
  self.OrgSimPool = OrgSimPool;
})();
