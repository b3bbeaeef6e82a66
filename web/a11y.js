// a11y.js: the app's widgets as real DOM elements (issue 12). The app draws everything on one canvas;
// each frame that changes what it shows, web/semantics.cpp publishes a tree of nodes (role, name,
// value, state, rectangle) and this file mirrors it into positioned, transparent elements with ARIA
// roles and labels over the canvas, creating, updating and removing only what changed. Screen
// readers read them; Tab, arrows, Enter, Space and Escape operate them; activating one sends an action
// back to the app (Module._orgsim_a11y_action), which performs the same command as a click. The
// element that has the DOM focus is the app's focused widget; a widget clicked with the mouse takes
// the DOM focus (the tree's "focus"). The canvas itself is aria-hidden.
(function () {
  'use strict';
  var ACTIVATE = 1, SET_VALUE = 2, FOCUS = 3, BLUR = 4;
  var root = null;        // #a11y-root
  var tree_root = null;   // the nodes' container inside it
  var live = null;        // the polite live region (toasts, progress); one element that stays
  var alertRegion = null; // the assertive one (errors)
  var module = null;
  var els = new Map();    // key -> element
  var lastLive = '', lastAlert = '';

  function send(key, kind, value) {
    if (!module || !module._orgsim_a11y_action) return;
    module._orgsim_a11y_action(key >>> 0, kind, value || 0);
  }

  // The tag of a role: native elements where the browser gives keyboard behaviour for free.
  function tagFor(role) {
    switch (role) {
      case 'button': case 'toggle': case 'tab': case 'switch': case 'radio': case 'combobox': return 'button';
      case 'slider': return 'input';
      case 'text': return 'p';
      default: return 'div';
    }
  }

  function interactive(role) {
    return role === 'button' || role === 'toggle' || role === 'tab' || role === 'switch' || role === 'radio' ||
      role === 'combobox' || role === 'slider' || role === 'textbox' || role === 'option' || role === 'treeitem' ||
      role === 'link' || role === 'menuitem';
  }

  // Roles whose items share one tab stop and move with the arrow keys (WAI-ARIA APG: tabs, tree,
  // radio group, listbox).
  var ROVING = { tablist: 'tab', tree: 'treeitem', radiogroup: 'radio', listbox: 'option', menu: 'menuitem' };

  function setAttr(el, name, value) {
    if (value === null || value === undefined || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      var v = String(value);
      if (el.getAttribute(name) !== v) el.setAttribute(name, v);
    }
  }

  function create(n) {
    var role = n.r;
    var tag = tagFor(role);
    var el = document.createElement(tag);
    el.className = 'a11y-node';
    el.dataset.key = String(n.k);
    el.dataset.role = role;
    if (tag === 'button') el.type = 'button';
    if (role === 'slider') { el.type = 'range'; }
    if (role === 'toggle') { /* a button with aria-pressed */ }
    else if (role === 'text') { /* a <p> */ }
    else if (tag === 'div' || tag === 'button') el.setAttribute('role', role);
    if (role === 'textbox' || role === 'treeitem' || role === 'option' || role === 'link' || role === 'menuitem') el.tabIndex = 0;
    if (interactive(role)) {
      el.addEventListener('click', function (e) {
        e.preventDefault();
        if (role !== 'slider' && role !== 'textbox' && !el.hasAttribute('aria-disabled')) send(n.k, ACTIVATE, 0);
      });
      el.addEventListener('focus', function () { send(Number(el.dataset.key), FOCUS, 0); });
      el.addEventListener('blur', function () { delete el.dataset.pointer; send(Number(el.dataset.key), BLUR, 0); });
      el.addEventListener('keydown', onKey);
      // The keypress and keyup of a key the element handled stay away from the app too.
      el.addEventListener('keypress', stopHandled);
      el.addEventListener('keyup', stopHandled);
    }
    if (role === 'slider') {
      el.addEventListener('input', function () { send(Number(el.dataset.key), SET_VALUE, Number(el.value)); });
    }
    if (role === 'textbox') {
      // Typing goes to the app's text field (through the page's key events): the field starts editing
      // when its element takes the focus.
      el.addEventListener('focus', function () { send(Number(el.dataset.key), ACTIVATE, 0); });
    }
    return el;
  }

  function stopHandled(e) {
    if (isTextEntry(e.currentTarget) || e.currentTarget.dataset.pointer === '1') return;
    var k = e.key;
    if (k === 'Enter' || k === ' ' || k === 'Spacebar' || k === 'Tab' || k.indexOf('Arrow') === 0 || k === 'Home' ||
        k === 'End' || k === 'PageUp' || k === 'PageDown' || (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey))
      e.stopPropagation();
  }

  function isTextEntry(el) { return el.dataset.role === 'textbox'; }

  // Keys the element handles stay away from the app's own shortcuts (SDL listens on the window).
  function onKey(e) {
    var el = e.currentTarget;
    var role = el.dataset.role;
    var k = e.key;
    // Focused by a mouse click: the keyboard is the app's (its shortcuts) until Tab moves on.
    if (el.dataset.pointer === '1') {
      if (k === 'Tab') { delete el.dataset.pointer; e.stopPropagation(); }
      return;
    }
    if (isTextEntry(el)) {
      if (k === 'Tab') e.stopPropagation();  // the browser moves the focus; the app does not see Tab
      return;  // everything else is typing, for the app's field
    }
    if (k === 'Tab') { e.stopPropagation(); return; }
    if (k === 'Escape') return;  // the app closes its dialog or menu
    var group = el.parentElement && el.parentElement.dataset.role;
    var item = group && ROVING[group];
    if (item && item === role && (k === 'ArrowDown' || k === 'ArrowUp' || k === 'ArrowLeft' || k === 'ArrowRight' ||
                                  k === 'Home' || k === 'End')) {
      var items = Array.prototype.filter.call(el.parentElement.children, function (c) { return c.dataset.role === item; });
      var i = items.indexOf(el);
      var next = k === 'Home' ? 0 : k === 'End' ? items.length - 1
        : (k === 'ArrowDown' || k === 'ArrowRight') ? Math.min(items.length - 1, i + 1) : Math.max(0, i - 1);
      if (items[next]) { items.forEach(function (c) { c.tabIndex = c === items[next] ? 0 : -1; }); items[next].focus(); }
      e.preventDefault(); e.stopPropagation();
      return;
    }
    if (role === 'slider') {
      // The range input moves by its step on arrows, Home, End and Page keys, and fires 'input'.
      e.stopPropagation();
      return;
    }
    if (k === 'Enter' || k === ' ' || k === 'Spacebar') {
      // Activate here: a native button would click on keypress (Enter) or keyup (Space), events the
      // app's key handling on the window cancels.
      e.stopPropagation();
      e.preventDefault();
      if (!e.repeat) el.click();
      return;
    }
    if (k.indexOf('Arrow') === 0 || k === 'Home' || k === 'End' || k === 'PageUp' || k === 'PageDown') e.stopPropagation();
    // The app's one-key shortcuts (P, Space, arrows...) act only when no control has the focus
    // (WCAG 2.1.4): a letter typed or said while on a control does not start a presentation.
    else if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) e.stopPropagation();
  }

  function place(el, n) {
    var s = el.style;
    var l = n.x + 'px', t = n.y + 'px', w = Math.max(1, n.w) + 'px', h = Math.max(1, n.h) + 'px';
    if (s.left !== l) s.left = l;
    if (s.top !== t) s.top = t;
    if (s.width !== w) s.width = w;
    if (s.height !== h) s.height = h;
  }

  function apply(el, n) {
    var role = n.r;
    var name = n.n || '';
    if (role === 'text' || role === 'heading' || role === 'cell' || role === 'columnheader') {
      if (!el.firstElementChild && el.textContent !== name) el.textContent = name;  // a cell may hold a button
      setAttr(el, 'aria-level', role === 'heading' ? (n.l || 2) : null);
    } else if (role === 'table' || role === 'row') {
      setAttr(el, 'aria-label', role === 'table' && name ? name : null);
      if (role === 'table' && name) setAttr(el, 'aria-label', name);
    } else {
      setAttr(el, 'aria-label', name || null);
    }
    setAttr(el, 'aria-description', n.d || null);
    setAttr(el, 'aria-keyshortcuts', n.ks || null);
    if (el.tagName === 'BUTTON') el.disabled = !!n.dis;  // out of the tab order; still read in browse mode
    else setAttr(el, 'aria-disabled', n.dis ? 'true' : null);
    if (role === 'toggle') setAttr(el, 'aria-pressed', n.on ? 'true' : 'false');
    if (role === 'switch' || role === 'radio') setAttr(el, 'aria-checked', n.on ? 'true' : 'false');
    if (role === 'tab' || role === 'option' || role === 'treeitem') setAttr(el, 'aria-selected', n.on ? 'true' : 'false');
    if (role === 'treeitem') setAttr(el, 'aria-level', n.l || 1);
    if (role === 'combobox' || role === 'treeitem' || role === 'button') setAttr(el, 'aria-expanded', n.exp === undefined || n.exp < 0 ? null : (n.exp ? 'true' : 'false'));
    if (role === 'dialog') setAttr(el, 'aria-modal', 'true');
    if (role === 'textbox') {
      setAttr(el, 'aria-readonly', null);
      if (el.textContent !== (n.v || '')) el.textContent = n.v || '';
    }
    if (role === 'slider') {
      setAttr(el, 'min', n.min); setAttr(el, 'max', n.max);
      setAttr(el, 'step', n.step > 0 ? n.step : 'any');
      if (document.activeElement !== el || Number(el.value) !== n.now) el.value = String(n.now);
      setAttr(el, 'aria-valuetext', n.v || null);
      el.disabled = !!n.dis;
    }
    if (role === 'img') setAttr(el, 'role', 'img');
    if (n.w > 0 || n.h > 0) { place(el, n); el.classList.remove('a11y-offscreen'); }
    else el.classList.add('a11y-offscreen');  // no rectangle: read, not shown (a chart's data table)
  }

  function update(json, mod) {
    if (mod) module = mod;
    if (!root) {
      root = document.getElementById('a11y-root');
      if (!root) return;
      live = document.createElement('div');
      live.className = 'a11y-live';
      live.setAttribute('role', 'status');
      live.setAttribute('aria-live', 'polite');
      alertRegion = document.createElement('div');
      alertRegion.className = 'a11y-live';
      alertRegion.setAttribute('role', 'alert');
      tree_root = document.createElement('div');
      tree_root.className = 'a11y-tree';
      root.appendChild(live);
      root.appendChild(alertRegion);
      root.appendChild(tree_root);
    }
    var tree;
    try { tree = JSON.parse(json); } catch (e) { return; }
    var nodes = tree.nodes || [];
    var seen = new Set();
    var made = new Array(nodes.length);
    var statusText = [], alertText = [];
    var active = document.activeElement;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (n.r === 'status') { statusText.push(n.n); made[i] = null; continue; }
      if (n.r === 'alert') { alertText.push(n.n); made[i] = null; continue; }
      var el = els.get(n.k);
      if (el && el.dataset.role !== n.r) { el.remove(); els.delete(n.k); el = null; }
      if (!el) { el = create(n); els.set(n.k, el); }
      apply(el, n);
      seen.add(n.k);
      made[i] = el;
    }
    // Place each element under its parent, in the app's order (which is the tab order). Elements
    // are moved only when out of place (moving the focused element would drop the focus).
    var last = new Map();  // parent -> the child placed last
    for (var j = 0; j < nodes.length; j++) {
      var e2 = made[j];
      if (!e2) continue;
      var p = nodes[j].p;
      var parent = p !== undefined && p >= 0 && made[p] ? made[p] : tree_root;
      var prev = last.get(parent) || null;
      var want = prev ? prev.nextSibling : parent.firstChild;
      if (parent.dataset && parent.dataset.role === 'toolbar') {  // ordered by position below
        if (e2.parentElement !== parent) parent.appendChild(e2);
        continue;
      }
      if (e2.parentElement !== parent || (want !== e2 && e2.previousSibling !== prev)) parent.insertBefore(e2, want);
      last.set(parent, e2);
    }
    // A toolbar is drawn from the right: its items are read and tabbed left to right.
    tree_root.querySelectorAll('[data-role="toolbar"]').forEach(function (bar) {
      var kids = Array.prototype.slice.call(bar.children);
      // In reading order: by row (a narrow window puts a toolbar on two rows), then left to right.
      var top = function (c) { return parseFloat(c.style.top) || 0; };
      var sorted = kids.slice().sort(function (a, b) {
        return Math.abs(top(a) - top(b)) > 16 ? top(a) - top(b) : (parseFloat(a.style.left) || 0) - (parseFloat(b.style.left) || 0);
      });
      if (sorted.some(function (c, i) { return c !== kids[i]; })) {
        var had = document.activeElement;
        sorted.forEach(function (c) { bar.appendChild(c); });
        if (had && bar.contains(had) && document.activeElement !== had) had.focus({ preventScroll: true });
      }
    });
    els.forEach(function (el, key) {
      if (!seen.has(key)) {
        if (el === active || el.contains(active)) el.blur();
        el.remove();
        els.delete(key);
      }
    });
    // Roving focus in tab lists and trees: one tab stop per group, the selected item's.
    root.querySelectorAll('[data-role="tablist"],[data-role="tree"],[data-role="radiogroup"],[data-role="listbox"],[data-role="menu"]').forEach(function (g) {
      var item = ROVING[g.dataset.role];
      var items = Array.prototype.filter.call(g.children, function (c) { return c.dataset.role === item; });
      var current = items.filter(function (c) { return c === document.activeElement; })[0] ||
        items.filter(function (c) { return c.getAttribute('aria-selected') === 'true' || c.getAttribute('aria-checked') === 'true'; })[0] ||
        items[0];
      items.forEach(function (c) { c.tabIndex = c === current ? 0 : -1; });
    });
    var st = statusText.join(' ');
    if (st !== lastLive) { live.textContent = st; lastLive = st; }
    var at = alertText.join(' ');
    if (at !== lastAlert) { alertRegion.textContent = at; lastAlert = at; }
    if (tree.blur && tree_root.contains(document.activeElement)) document.activeElement.blur();
    if (tree.focus) {
      var f = els.get(tree.focus);
      if (f && document.activeElement !== f) {
        f.focus({ preventScroll: true });
        if (tree.pointer) f.dataset.pointer = '1';
      }
    }
  }

  // Tab from outside the mirror (the page starts with the canvas or nothing focused) enters it: the
  // first (Shift+Tab: last) element in tab order takes the focus. Runs in the capture phase, before
  // the app's own key handling (SDL listens on the window and keeps Tab from the browser).
  function tabbables() {
    if (!tree_root) return [];
    return Array.prototype.filter.call(tree_root.querySelectorAll('button, input, [tabindex]'), function (e) {
      return e.tabIndex >= 0 && !e.disabled && !e.closest('.a11y-offscreen');
    });
  }
  window.addEventListener('keydown', function (e) {
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey) return;
    if (tree_root && tree_root.contains(document.activeElement)) return;  // the element's handler decides
    var list = tabbables();
    if (!list.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    (e.shiftKey ? list[list.length - 1] : list[0]).focus();
  }, true);

  window.orgsimA11y = {
    update: update,
    // For tests: the element of a key.
    element: function (key) { return els.get(key) || null; },
  };
})();
