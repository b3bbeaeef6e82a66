// boot.js: the OrgSim page's loader (index.html): checks what the browser must support, shows the
// loading progress and readable error cards, loads the app (orgsim.js, orgsim.wasm), queues the files
// opened or dropped for it, and registers the service worker (web/sw.js). A file of its own, not an
// inline <script>, so the page's Content Security Policy can say script-src 'self' (no 'unsafe-inline').
(function () {
  'use strict';
  var BROWSER_HINT = 'Use a current version of Chrome, Edge, Firefox or Safari, with hardware acceleration turned on.';
  var $ = function (id) { return document.getElementById(id); };
  var canvas = $('canvas');
  // No browser menu over the app (was an inline oncontextmenu handler, which the policy forbids).
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  var marks = {};  // load phases, ms since navigation (window.orgsimTiming)
  var mark = function (name) { marks[name] = Math.round(performance.now()); };
  var failed = false;
  var ready = false;

  function showError(title, message, hint, details) {
    if (failed) return;
    failed = true;
    $('error-title').textContent = title;
    $('error-message').textContent = message;
    $('error-hint').textContent = hint || '';
    $('error-hint').style.display = hint ? '' : 'none';
    $('error-details').textContent = details || '';
    $('error-details-box').style.display = details ? '' : 'none';
    document.body.classList.add('failed');
    document.body.dataset.state = 'error';
    $('overlay').classList.remove('hidden');
    $('overlay').setAttribute('role', 'alert');
  }

  function describe(err) {
    if (!err) return '';
    if (typeof err === 'string') return err;
    return (err.name ? err.name + ': ' : '') + (err.message || String(err)) + (err.stack ? '\n' + err.stack : '');
  }

  function setProgress(fraction, text) {
    if (failed) return;
    var bar = $('bar');
    if (fraction == null) {
      bar.classList.add('indeterminate');
      $('status-pct').textContent = '';
    } else {
      bar.classList.remove('indeterminate');
      var pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      bar.firstElementChild.style.width = pct + '%';
      $('status-pct').textContent = pct + '%';
    }
    if (text) $('status-text').textContent = text;
  }

  // ---- What the browser must support ------------------------------------------------------
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    showError('WebAssembly is not available',
      'This browser cannot run WebAssembly, which OrgSim needs to simulate the organisation.',
      BROWSER_HINT, 'typeof WebAssembly: ' + typeof WebAssembly);
    return;
  }
  // The module uses 128-bit SIMD, saturating float-to-int conversions (docs/performance.md) and
  // WebAssembly exception handling (CMakeLists.txt): three tiny modules that use one each must
  // validate (Chrome 95, Firefox 100, Safari 16.4 and later).
  var features = {
    'SIMD': [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11],
    'saturating conversions': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 67, 0, 0, 0, 0, 252, 0, 26, 11],
    // (func try catch_all end)
    'exception handling': [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11],
  };
  var missing = Object.keys(features).filter(function (k) {
    try { return !WebAssembly.validate(new Uint8Array(features[k])); } catch (e) { return true; }
  });
  if (missing.length) {
    showError('This browser is too old for OrgSim',
      'OrgSim needs WebAssembly ' + missing.join(' and ') + ', which this browser does not support.',
      BROWSER_HINT, 'WebAssembly.validate failed for: ' + missing.join(', '));
    return;
  }
  var probe = null;
  try { probe = document.createElement('canvas').getContext('webgl2'); } catch (e) { probe = null; }
  if (!probe) {
    showError('WebGL 2 is not available',
      'OrgSim draws its charts with WebGL 2, and this browser did not provide it. It may be turned off, blocked by a policy, or unsupported by the graphics driver.',
      BROWSER_HINT + ' In Chrome, check chrome://gpu; in Firefox, check that webgl.disabled is false in about:config.',
      'canvas.getContext("webgl2") returned null');
    return;
  }
  var lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();  // free the probe's context; the app makes its own
  probe = null;

  // ---- Errors after this point --------------------------------------------------------------
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window && e.target.tagName === 'SCRIPT') return;  // handled by onerror
    showError('OrgSim stopped', 'Something went wrong while running the app. Reloading the page usually helps.',
      '', describe(e.error || e.message));
  });
  window.addEventListener('unhandledrejection', function (e) {
    showError('OrgSim stopped', 'Something went wrong while starting the app. Reloading the page usually helps.',
      '', describe(e.reason));
  });
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showError('The graphics context was lost',
      'The browser took the graphics context away (the GPU was reset or is out of memory). Reload the page to continue.', '', '');
  });

  // A devicePixelRatio change without a size change (the window moved to another screen) fires
  // no 'resize'; forward one so SDL resizes the drawing buffer and the app re-rasterises its fonts.
  // Media-query events are not sent everywhere (e.g. emulated ratios), so a slow poll backs them up.
  var lastRatio = window.devicePixelRatio;
  function checkPixelRatio() {
    if (window.devicePixelRatio === lastRatio) return;
    lastRatio = window.devicePixelRatio;
    window.dispatchEvent(new Event('resize'));
    watchPixelRatio();
  }
  function watchPixelRatio() {
    if (!window.matchMedia) return;
    var mq = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
    if (mq.addEventListener) mq.addEventListener('change', checkPixelRatio, { once: true });
  }
  watchPixelRatio();
  setInterval(checkPixelRatio, 500);

  // ---- Loading ------------------------------------------------------------------------------
  // The .wasm is fetched here (not by orgsim.js) to show download progress.
  function fetchWithProgress(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status + ' ' + response.statusText + ' for ' + url);
      // A compressed response's Content-Length counts compressed bytes, the stream gives decoded ones:
      // use the decoded size when the server sends it (scripts/serve.mjs), else show no percentage.
      var encoding = (response.headers.get('Content-Encoding') || 'identity').toLowerCase();
      var total = encoding === 'identity' ? Number(response.headers.get('Content-Length')) || 0
                                          : Number(response.headers.get('X-Decoded-Content-Length')) || 0;
      if (!response.body || !response.body.getReader || !total) {
        setProgress(null, 'Downloading…');
        return response.arrayBuffer();
      }
      var reader = response.body.getReader();
      var received = 0;
      var chunks = [];
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            var bytes = new Uint8Array(received);
            var at = 0;
            chunks.forEach(function (c) { bytes.set(c, at); at += c.length; });
            return bytes.buffer;
          }
          chunks.push(r.value);
          received += r.value.length;
          setProgress(0.05 + 0.8 * Math.min(1, received / total),
            'Downloading ' + (received / 1048576).toFixed(1) + ' of ' + (total / 1048576).toFixed(1) + ' MB');
          return pump();
        });
      }
      return pump();
    });
  }

  var Module = {
    canvas: canvas,
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); },
    locateFile: function (path) { return path; },
    setStatus: function (text) {
      // Emscripten reports e.g. "Downloading data... (12/34)" or "Running...".
      if (!text || ready) return;
      var m = /\((\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)\)/.exec(text);
      if (m) setProgress(0.05 + 0.8 * (parseFloat(m[1]) / parseFloat(m[2])), text.replace(/\s*\(.*\)\s*$/, ''));
    },
    totalDependencies: 0,
    monitorRunDependencies: function (left) {
      this.totalDependencies = Math.max(this.totalDependencies, left);
      if (left === 0 && !ready) setProgress(0.92, 'Starting…');
    },
    instantiateWasm: function (imports, receive) {
      setProgress(0.05, 'Downloading…');
      fetchWithProgress('orgsim.wasm')
        .then(function (bytes) {
          mark('wasmDownloadedMs');
          setProgress(0.88, 'Compiling…');
          return WebAssembly.instantiate(bytes, imports);
        })
        .then(function (result) { mark('wasmInstantiatedMs'); receive(result.instance, result.module); })
        .catch(function (err) {
          showError('OrgSim could not be loaded',
            'The app’s code (orgsim.wasm) failed to download or compile. Check the connection and reload the page.',
            '', describe(err));
        });
      return {};  // asynchronous instantiation
    },
    onAbort: function (what) {
      showError('OrgSim stopped', 'The app stopped unexpectedly. Reloading the page usually helps.', '', describe(what));
    },
    // Called from C++ (platform_web.cpp) when the app cannot start.
    orgsimFatal: function (message) {
      showError('OrgSim can’t start', message, BROWSER_HINT, '');
    },
  };

  // ---- Files (web/files.cpp, web/services_web.cpp) --------------------------------------------
  // Files chosen in the picker or dropped on the page wait in orgsimIO.queue until the app takes
  // them (every frame). Over the app's largest limit (a merged sweep result: sim/sweep.h's
  // kMaxSweepResultBytes; scenarios are checked against kMaxScenarioBytes in the app) they are not read.
  var MAX_OPEN_BYTES = 32 * 1024 * 1024;
  var io = window.orgsimIO = window.orgsimIO || { queue: [] };
  function enqueueFile(file) {
    var entry = { name: file.name, size: file.size, bytes: null, pending: false, error: '' };
    io.queue.push(entry);
    if (file.size > MAX_OPEN_BYTES) return;
    entry.pending = true;
    var done = function (buffer, error) {
      entry.bytes = buffer ? new Uint8Array(buffer) : null;
      entry.error = error || '';
      entry.pending = false;
    };
    if (file.arrayBuffer) file.arrayBuffer().then(function (b) { done(b); }, function (e) { done(null, 'the browser could not read it (' + (e && e.name || e) + ')'); });
    else {
      var reader = new FileReader();
      reader.onload = function () { done(reader.result); };
      reader.onerror = function () { done(null, 'the browser could not read it'); };
      reader.readAsArrayBuffer(file);
    }
  }
  $('orgsim-file').addEventListener('change', function (e) {
    var files = e.target.files;
    for (var i = 0; files && i < files.length; ++i) enqueueFile(files[i]);
    e.target.value = '';
  });
  var dropDepth = 0;
  var hasFiles = function (e) { return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0; };
  var showDrop = function (on) { $('drop-overlay').classList.toggle('shown', on && ready); };
  window.addEventListener('dragenter', function (e) { if (!hasFiles(e)) return; e.preventDefault(); ++dropDepth; showDrop(true); });
  window.addEventListener('dragover', function (e) { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = ready ? 'copy' : 'none'; });
  window.addEventListener('dragleave', function (e) { if (!hasFiles(e)) return; dropDepth = Math.max(0, dropDepth - 1); if (!dropDepth) showDrop(false); });
  window.addEventListener('drop', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dropDepth = 0;
    showDrop(false);
    if (!ready) return;
    var files = e.dataTransfer.files;
    for (var i = 0; files && i < files.length; ++i) enqueueFile(files[i]);
  });

  // ---- Offline (web/sw.js) ------------------------------------------------------------------
  // Registered once the app runs, so a page that cannot start never installs a worker. Service
  // workers need a secure context: https, or http on localhost.
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
    // A frame sandboxed without allow-same-origin throws on reading navigator.serviceWorker.
    try {
      navigator.serviceWorker.register('sw.js').catch(function (e) { console.warn('OrgSim: offline use is not available:', e); });
    } catch (e) {
      console.warn('OrgSim: offline use is not available here:', e && e.name);
    }
  }

  function waitForFrames(module) {
    mark('mainStartedMs');
    var state = function () { return JSON.parse(module.UTF8ToString(module._orgsim_test_state())); };
    var first = 0;
    function check() {
      if (failed) return;
      var frame = 0;
      try { frame = state().frame; } catch (e) { frame = 0; }
      if (frame >= 1 && !first) { first = performance.now(); mark('firstFrameMs'); }
      if (frame >= 3) {
        ready = true;
        window.orgsim = { module: module, state: state };
        mark('readyMs');
        window.orgsimTiming = marks;
        setProgress(1, 'Ready');
        $('overlay').classList.add('hidden');
        document.body.dataset.state = 'running';
        document.body.dataset.ready = '1';
        canvas.focus({ preventScroll: true });
        registerServiceWorker();
        return;
      }
      requestAnimationFrame(check);
    }
    requestAnimationFrame(check);
  }

  // ?scenario=NAME opens scenarios/NAME.json instead of the default (a gallery link, or a test).
  // ?embed=1 (a course page's <iframe>: web/embed.h) asks for the compact layout.
  var params = new URLSearchParams(location.search);
  var scenario = params.get('scenario');
  Module.arguments = [];
  if (scenario && /^[A-Za-z0-9_-]{1,64}$/.test(scenario)) Module.arguments.push('--scenario', scenario);
  if (params.has('embed') && /^(1|true|yes|)$/.test(params.get('embed'))) {
    Module.arguments.push('--embed');
    document.body.classList.add('embedded');
  }

  setProgress(0.02, 'Loading…');
  var script = document.createElement('script');
  script.src = 'orgsim.js';
  script.async = true;
  script.onerror = function () {
    showError('OrgSim could not be loaded',
      'The app’s script (orgsim.js) failed to download. Check the connection and reload the page.',
      '', 'Failed to load ' + script.src);
  };
  script.onload = function () {
    mark('scriptLoadedMs');
    if (typeof window.createOrgSim !== 'function') {
      showError('OrgSim could not be loaded', 'The app’s script loaded but did not define createOrgSim().', '', '');
      return;
    }
    window.createOrgSim(Module).then(waitForFrames, function (err) {
      showError('OrgSim could not be started', 'The app failed while starting. Reloading the page usually helps.', '', describe(err));
    });
  };
  document.body.appendChild(script);
})();
