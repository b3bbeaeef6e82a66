// gl_objects.js: Emscripten JS library (linked with --js-library into the app, web/CMakeLists) that
// makes the WebGL layer reuse the ids of deleted vertex arrays.
//
// Why: Dear ImGui's OpenGL3 backend creates a vertex array object at the start of every frame and
// deletes it at the end. Emscripten's WebGL layer (library_webgl.js, GL.getNewId) names objects from
// one counter that only grows and pads the object's table with nulls up to it, so every frame made
// GL.vaos one element longer (about 8 bytes; 0.2 MB of JS heap in 25 minutes at 18 frames a second,
// found by the soak's heap snapshots: docs/reliability.md), and the next texture table grew to the
// counter too. Here a deleted vertex array's id goes on a free list and the next one takes it, so
// the tables stay as long as the objects alive. Same GL calls and errors as Emscripten's own.
mergeInto(LibraryManager.library, {
  $orgsimFreeVertexArrays: [],

  glGenVertexArrays__deps: ['$GL', '$orgsimFreeVertexArrays'],
  glGenVertexArrays: function (n, arrays) {
    for (var i = 0; i < n; i++) {
      var vao = GLctx['createVertexArray']();
      if (!vao) {
        GL.recordError(0x502 /* GL_INVALID_OPERATION */);
        while (i < n) HEAP32[(arrays + i++ * 4) >> 2] = 0;
        return;
      }
      var id = orgsimFreeVertexArrays.length ? orgsimFreeVertexArrays.pop() : GL.getNewId(GL.vaos);
      vao.name = id;
      GL.vaos[id] = vao;
      HEAP32[(arrays + i * 4) >> 2] = id;
    }
    Module['orgsimGlTables'] = { vaos: GL.vaos.length, textures: GL.textures.length, buffers: GL.buffers.length, counter: GL.counter };
  },

  glDeleteVertexArrays__deps: ['$GL', '$orgsimFreeVertexArrays'],
  glDeleteVertexArrays: function (n, vaos) {
    for (var i = 0; i < n; i++) {
      var id = HEAP32[(vaos + i * 4) >> 2];
      var vao = GL.vaos[id];
      if (!vao) continue;  // 0 or not a vertex array: ignored, as glDeleteVertexArrays does
      GLctx['deleteVertexArray'](vao);
      GL.vaos[id] = null;
      orgsimFreeVertexArrays.push(id);
    }
  },
});
