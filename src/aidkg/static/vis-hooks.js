/* Rendering hooks that keep vis-network 9.1.2 usable at 20,000 nodes in software rendering.

   They reach into the renderer and the Node/Edge objects of the vendored, pinned vis-network
   (static/VENDORED.md), because the public paths cost too much there:
   - DataSet updates run Node.setOptions at ~0.25 ms a node: recolouring, hiding or resizing
     20k nodes took seconds. Filters, sizes and the highlight work on the drawn objects instead.
   - vis-network culls nodes outside the view but draws every edge and edge label every frame.
   - a full frame of 20k nodes or many CJK labels costs 100-400 ms; while the user drags the view or
     turns the wheel, a copy of the last frame is moved/scaled instead (as map viewers do). */
window.aidkgHooks = function (network, options) {
  "use strict";
  var SLOW_FRAME_MS = 25;
  var renderer = network.renderer, body = network.body;
  var snap = null, snapView = null, panning = false, lastFrameMs = 0, frameStart = 0;
  var focus = null;   // {nodes: [...ids], edges: [...ids]} drawn above a veil

  function gesture() {
    return snap !== null && lastFrameMs > SLOW_FRAME_MS &&
      (renderer.zooming || (renderer.dragging && panning));
  }

  function culled(method) {
    return function (ctx) {
      var w = network.canvas.frame.canvas.clientWidth, h = network.canvas.frame.canvas.clientHeight;
      var a = network.DOMtoCanvas({ x: -60, y: -60 }), b = network.DOMtoCanvas({ x: w + 60, y: h + 60 });
      var edges = body.edges, idx = body.edgeIndices;
      for (var i = 0; i < idx.length; i++) {
        var e = edges[idx[i]];
        if (e.connected !== true) continue;
        var f = e.from, t = e.to;
        if ((f.x < a.x && t.x < a.x) || (f.x > b.x && t.x > b.x) ||
            (f.y < a.y && t.y < a.y) || (f.y > b.y && t.y > b.y)) continue;
        e[method](ctx);
      }
    };
  }
  renderer._drawEdges = culled("draw");
  renderer._drawArrows = culled("drawArrows");
  ["_drawNodes", "_drawEdges", "_drawArrows"].forEach(function (name) {
    var original = renderer[name];
    renderer[name] = function (ctx, hidden) {
      if (!hidden && gesture()) return {};
      return original.call(renderer, ctx, hidden);
    };
  });

  network.on("dragStart", function (p) { panning = !(p.nodes.length && options.interaction.dragNodes); });
  network.on("beforeDrawing", function (ctx) {
    frameStart = performance.now();
    if (!gesture()) return;
    var ratio = network.canvas.pixelRatio || 1, s0 = snapView.s, t0 = snapView.t;
    ctx.drawImage(snap, -t0.x / s0, -t0.y / s0, snap.width / ratio / s0, snap.height / ratio / s0);
  });
  network.on("afterDrawing", function (ctx) {
    if (gesture()) return;
    if (focus) drawFocus(ctx);
    // a full frame, also one in the middle of a gesture: it becomes the picture to move, and its
    // cost decides whether the next gesture frames use a picture at all
    var src = network.canvas.frame.canvas;
    if (!snap) snap = document.createElement("canvas");
    snap.width = src.width;
    snap.height = src.height;
    snap.getContext("2d").drawImage(src, 0, 0);   // also waits for the frame's pixels
    snapView = { t: { x: body.view.translation.x, y: body.view.translation.y }, s: body.view.scale };
    lastFrameMs = performance.now() - frameStart;
  });

  function drawFocus(ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.75)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var labels = [];
    focus.edges.forEach(function (id) { var e = body.edges[id]; if (e && e.connected && !e.options.hidden) e.draw(ctx); });
    focus.edges.forEach(function (id) { var e = body.edges[id]; if (e && e.connected && !e.options.hidden) e.drawArrows(ctx); });
    focus.nodes.forEach(function (id) {
      var n = body.nodes[id];
      if (!n || n.options.hidden) return;
      var r = n.draw(ctx);
      if (r && r.drawExternalLabel) labels.push(r.drawExternalLabel);
    });
    labels.forEach(function (draw) { draw(); });
  }

  return {
    /* draw these nodes and edges above a white veil; null clears */
    highlight: function (nodes, edges) {
      focus = nodes ? { nodes: nodes, edges: edges || [] } : null;
      network.redraw();
    },
    highlighted: function () { return focus ? focus.nodes.slice() : []; },
    /* hide or show nodes/edges: hiddenNode(id) and hiddenEdge(id) say which */
    setHidden: function (hiddenNode, hiddenEdge) {
      Object.keys(body.nodes).forEach(function (id) { body.nodes[id].options.hidden = !!hiddenNode(+id); });
      Object.keys(body.edges).forEach(function (id) { body.edges[id].options.hidden = !!hiddenEdge(+id); });
      network._updateVisibleIndices();
      network.redraw();
    },
    /* node sizes in pixels, by node id */
    setSizes: function (size) {
      Object.keys(body.nodes).forEach(function (id) {
        var n = body.nodes[id];
        n.options.size = size(+id);
        n.shape.refreshNeeded = true;
      });
      network.redraw();
    },
    lastFrameMs: function () { return lastFrameMs; }
  };
};
