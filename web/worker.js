// worker.js: a replication worker of the pool (web/pool.js): loads the worker module
// (orgsim_worker.js/.wasm, web/worker_main.cpp) and answers the pool's messages in order:
//   {type: 'init', wasm}                           wasm: the compiled WebAssembly.Module, or null (fetch it)
//   {type: 'scenarios', generation, scenarios}     the run's prepared scenarios as JSON texts, once per run
//   {type: 'run', generation, task, scenario, replication, keepSeries}
//   {type: 'crash'}                                tests only: die as a crashing worker does
// and replies {type: 'ready'}, {type: 'result', generation, task, buffer, ms} (the buffer is
// transferred) or {type: 'error', generation, task, message}. Messages that arrive while the module
// loads wait in a queue.
'use strict';

importScripts('orgsim_worker.js');

let mod = null;
let queue = [];
let generation = -1;  // the run whose scenarios are set
let api = null;

function handle(msg) {
  if (msg.type === 'scenarios') {
    generation = -1;
    if (!api.begin(msg.scenarios.length)) throw new Error('bad scenario count ' + msg.scenarios.length);
    msg.scenarios.forEach((text, i) => {
      if (!api.setScenario(i, text)) throw new Error('scenario ' + i + ': ' + api.error());
    });
    generation = msg.generation;
  } else if (msg.type === 'run') {
    if (msg.generation !== generation) {
      postMessage({ type: 'error', generation: msg.generation, task: msg.task, message: 'no scenarios for this run' });
      return;
    }
    const t0 = performance.now();
    const ptr = api.run(msg.scenario, msg.replication, msg.keepSeries ? 1 : 0);
    if (!ptr) {
      postMessage({ type: 'error', generation: msg.generation, task: msg.task, message: api.error() });
      return;
    }
    // Copy out of the module's memory into a buffer of its own, handed over without another copy.
    const buffer = mod.HEAPU8.slice(ptr, ptr + api.resultSize()).buffer;
    postMessage({ type: 'result', generation: msg.generation, task: msg.task, buffer, ms: performance.now() - t0 }, [buffer]);
  } else if (msg.type === 'crash') {
    setTimeout(() => { throw new Error('worker crash requested by a test'); });
  }
}

function start(wasm) {
  const options = {
    print: (text) => console.log('orgsim worker:', text),
    printErr: (text) => console.warn('orgsim worker:', text),
  };
  // The pool compiles the module once and sends it to every worker: a new worker only instantiates it.
  if (wasm) {
    options.instantiateWasm = (imports, receive) => {
      WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm));
      return {};
    };
  }
  createOrgSimWorker(options).then((m) => {
    mod = m;
    api = {
      begin: m.cwrap('orgsim_worker_begin', 'number', ['number']),
      setScenario: m.cwrap('orgsim_worker_set_scenario', 'number', ['number', 'string']),
      run: m.cwrap('orgsim_worker_run', 'number', ['number', 'number', 'number']),
      resultSize: m.cwrap('orgsim_worker_result_size', 'number', []),
      error: () => m.UTF8ToString(m._orgsim_worker_error()),
    };
    postMessage({ type: 'ready' });
    const waiting = queue;
    queue = null;
    waiting.forEach(handle);
  }, (err) => {
    // A module that cannot load is a dead worker: rethrown outside the promise, the pool sees it
    // as the worker's error event.
    setTimeout(() => { throw err; });
  });
}

self.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'init') start(msg.wasm);
  else if (queue) queue.push(msg);
  else handle(msg);
};
