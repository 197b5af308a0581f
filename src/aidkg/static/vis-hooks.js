/* Rendering hooks that keep vis-network 9.1.2 usable at 20,000 nodes in software rendering.

   They reach into the renderer and the Node/Edge objects of the vendored, pinned vis-network
   (static/VENDORED.md), because the public paths cost too much there:
   - DataSet updates run Node.setOptions at ~0.25 ms a node: recolouring, hiding or resizing
     20k nodes took seconds. Filters, sizes and the highlight work on the drawn objects instead.
   - vis-network culls nodes outside the view but draws every edge and edge label every frame.
   - vis-network creates and measures a label for every node and edge before the first frame;
     big pages draw the labels of what is on screen themselves (drawLabels).
   - a full frame of 20k nodes or many CJK labels costs 100-400 ms; while the user drags the view or
     turns the wheel, a copy of the last frame is moved/scaled instead (as map viewers do). */
window.aidkgHooks = function (network, options) {
  "use strict";
  var SLOW_FRAME_MS = 25;
  var renderer = network.renderer, body = network.body;
  var snap = null, snapView = null, panning = false, lastFrameMs = 0, frameStart = 0;
  var focus = null;   // {nodes: [...ids], edges: [...ids]} drawn above a veil
  var labels = null;  // {node: id -> text, edge: id -> text, font}: labels drawn here, not by vis
  var MAX_NODE_LABELS = 1500, MAX_EDGE_LABELS = 400;
  var NODE_FONT = 14, EDGE_FONT = 10, READABLE_PX = 5;

  function gesture() {
    return snap !== null && lastFrameMs > SLOW_FRAME_MS &&
      (renderer.zooming || (renderer.dragging && panning));
  }

  function viewBox(margin) {
    var w = network.canvas.frame.canvas.clientWidth, h = network.canvas.frame.canvas.clientHeight;
    var a = network.DOMtoCanvas({ x: -margin, y: -margin }), b = network.DOMtoCanvas({ x: w + margin, y: h + margin });
    return { l: a.x, t: a.y, r: b.x, b: b.y };
  }
  function edgeInView(e, v) {
    var f = e.from, t = e.to;
    return !((f.x < v.l && t.x < v.l) || (f.x > v.r && t.x > v.r) ||
             (f.y < v.t && t.y < v.t) || (f.y > v.b && t.y > v.b));
  }
  function culled(method) {
    return function (ctx) {
      var v = viewBox(60), edges = body.edges, idx = body.edgeIndices;
      for (var i = 0; i < idx.length; i++) {
        var e = edges[idx[i]];
        if (e.connected === true && edgeInView(e, v)) e[method](ctx);
      }
    };
  }

  function text(ctx, s, x, y, size, colour) {
    ctx.font = size + "px " + labels.font;
    ctx.lineWidth = size / 4.5;
    ctx.strokeText(s, x, y);
    ctx.fillStyle = colour;
    ctx.fillText(s, x, y);
  }
  /* labels of the biggest nodes and of edges on screen, while they are big enough to read */
  function drawLabels(ctx, only) {
    var scale = body.view.scale, v = viewBox(40), k, n, count = 0;
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.strokeStyle = "#ffffff";
    ctx.lineJoin = "round";
    if (EDGE_FONT * scale >= READABLE_PX + 3) {
      var eidx = only ? only.edges : body.edgeIndices;
      ctx.textBaseline = "middle";
      for (k = 0; k < eidx.length && count < MAX_EDGE_LABELS; k++) {
        var e = body.edges[eidx[k]];
        if (!e || !e.connected || e.options.hidden || !edgeInView(e, v)) continue;
        var mx = (e.from.x + e.to.x) / 2, my = (e.from.y + e.to.y) / 2;
        if (mx < v.l || mx > v.r || my < v.t || my > v.b) continue;
        text(ctx, labels.edge(+eidx[k]), mx, my, EDGE_FONT, "#555555");
        count++;
      }
      ctx.textBaseline = "top";
    }
    if (NODE_FONT * scale >= READABLE_PX) {
      var order = only ? only.nodes : byImportance();
      for (k = 0, count = 0; k < order.length && count < MAX_NODE_LABELS; k++) {
        n = body.nodes[order[k]];
        if (!n || n.options.hidden || n.x < v.l || n.x > v.r || n.y < v.t || n.y > v.b) continue;
        text(ctx, labels.node(+order[k]), n.x, n.y + n.options.size + 2, NODE_FONT, "#343434");
        count++;
      }
    }
    ctx.restore();
  }
  var importance = null;
  function byImportance() {
    if (!importance) {
      importance = Object.keys(body.nodes).sort(function (a, b) {
        return body.nodes[b].options.size - body.nodes[a].options.size;
      });
    }
    return importance;
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
    if (labels) drawLabels(ctx, null);
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
    var external = [];
    focus.edges.forEach(function (id) { var e = body.edges[id]; if (e && e.connected && !e.options.hidden) e.draw(ctx); });
    focus.edges.forEach(function (id) { var e = body.edges[id]; if (e && e.connected && !e.options.hidden) e.drawArrows(ctx); });
    focus.nodes.forEach(function (id) {
      var n = body.nodes[id];
      if (!n || n.options.hidden) return;
      var r = n.draw(ctx);
      if (r && r.drawExternalLabel) external.push(r.drawExternalLabel);
    });
    external.forEach(function (draw) { draw(); });
    if (labels) drawLabels(ctx, focus);
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
    /* draw node and edge labels here (text functions by id) instead of in vis-network */
    drawLabels: function (spec) { labels = spec; network.redraw(); },
    /* node sizes in pixels, by node id */
    setSizes: function (size) {
      importance = null;
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
