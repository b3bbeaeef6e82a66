// Prepended to the Node builds of the CLI and the benchmark (--pre-js). Node 18 and later have a
// global fetch, which emscripten 3.1.6's loader prefers for the .wasm file and which fails on a file
// path ("Failed to parse URL", TOOLCHAIN.md gotcha 3). Declaring fetch in the module's own scope hides
// the global, so the loader reads the file from disk and `node orgsim.js ...` works without flags.
var fetch;
