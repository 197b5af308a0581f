/* aidkg viewer: legend filter, search in both scripts, neighbourhood highlight, evidence panel.
   Article text only ever reaches the DOM through textContent (never innerHTML): titles and names
   from the web are untrusted. */
(function () {
  "use strict";
  var timings = window.__aidkgTimings = { start: performance.now() };
  var D = JSON.parse(document.getElementById("aidkg-graph").textContent);
  timings.parsed = performance.now();
  var N = D.nodes.length;
  var PANEL_PAGE = 200;
  // the page carries what the tables already say only once: colours, labels, ids are filled in here
  D.nodes.forEach(function (n, i) { n.id = i; n.color = D.classes[n.c].color; });
  D.edges.forEach(function (e, i) {
    var rel = D.relations[e.r];
    e.id = i;
    e.label = rel.name;
    e.color = rel.color;
    if (rel.name === "pairedWith") e.arrows = { to: { enabled: false } };   // symmetric
  });

  // names, amounts and evidence are not needed for the first frame: parsed on first use
  var details = null, index = null;
  function X() {
    if (details) return details;
    details = JSON.parse(document.getElementById("aidkg-details").textContent);
    index = [];
    details.info.forEach(function (inf, i) {
      var label = D.nodes[i].label;
      inf.labels = inf.labels || { "zh-hans": label };
      inf.alts = inf.alts || [];
      inf.amounts = inf.amounts || {};
      inf.dates = inf.dates || {};
      inf.names = [label].concat(inf.names || []);
      inf.names.forEach(function (name) { index.push([name.toLowerCase(), i, name]); });
    });
    details.evidence.forEach(function (items) {
      items.forEach(function (ev) { ev.m = details.methods[ev.m]; });
    });
    return details;
  }

  function iriOf(id) {
    var iri = X().info[id].iri;
    return iri.indexOf("://") < 0 ? D.base + iri : iri;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function yuan(v) {
    if (v >= 1e8) return (v / 1e8).toFixed(2).replace(/\.?0+$/, "") + " 亿元";
    if (v >= 1e4) return (v / 1e4).toFixed(2).replace(/\.?0+$/, "") + " 万元";
    return v.toFixed(0) + " 元";
  }

  // ------------------------------------------------------------ data and network
  var classOn = D.classes.map(function () { return true; });
  var relOn = D.relations.map(function () { return true; });
  // big graphs: vis-network gets no label text (creating and measuring 20k+26k labels is a third of
  // the time to the first frame); vis-hooks.js draws the labels of what is on screen instead
  function withoutLabel(item) {
    var copy = {};
    for (var k in item) if (k !== "label") copy[k] = item[k];
    return copy;
  }
  var nodes = new vis.DataSet(D.fast ? D.nodes.map(withoutLabel) : D.nodes);
  var edges = new vis.DataSet(D.fast ? D.edges.map(withoutLabel) : D.edges);
  var hideIsolated = false;
  function nodeShown(id) {
    if (!classOn[D.nodes[id].c]) return false;
    if (!hideIsolated) return true;
    var around = adjacency[id];
    for (var k = 0; k < around.length; k++) if (edgeShown(around[k])) return true;
    return false;
  }
  function edgeShown(id) {
    var e = D.edges[id];
    return relOn[e.r] && classOn[D.nodes[e.from].c] && classOn[D.nodes[e.to].c];
  }
  var adjacency = D.nodes.map(function () { return []; });
  D.edges.forEach(function (e) {
    adjacency[e.from].push(e.id);
    if (e.to !== e.from) adjacency[e.to].push(e.id);
  });

  var container = document.getElementById("graph");
  timings.datasets = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  timings.network = performance.now();
  network.once("beforeDrawing", function () { timings.beforeDraw = performance.now(); });
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
  });
  if (D.big) network.fit({ animation: false });

  var hooks = window.aidkgHooks(network, D.options);
  if (D.fast) {
    hooks.drawLabels({
      node: function (id) { return D.nodes[id].label; },
      edge: function (id) { return D.relations[D.edges[id].r].name; },
      font: D.options.nodes.font.face
    });
  }
  // registered after the hooks: the first frame counts as drawn once its labels and veil are on it
  network.once("afterDrawing", function () {
    // a page written for --focus opens on its entity
    setTimeout(function () { X(); if (D.focus.length) focusNode(D.focus[0]); }, 0);
    window.__aidkgDrawn = performance.now();
    document.body.setAttribute("data-drawn", "1");
  });

  // ------------------------------------------------------------ counts and legend
  var countsEl = document.getElementById("counts");
  var shown = { nodes: N, edges: D.edges.length };
  function updateCounts() {
    shown.nodes = 0;
    shown.edges = 0;
    for (var i = 0; i < N; i++) if (nodeShown(i)) shown.nodes++;
    for (var j = 0; j < D.edges.length; j++) if (edgeShown(j)) shown.edges++;
    countsEl.textContent = shown.nodes + " / " + N + " 实体 entities · " +
      shown.edges + " / " + D.edges.length + " 关系 relations";
  }

  function legend(listId, items, on, kind) {
    var ul = document.getElementById(listId);
    items.forEach(function (item, i) {
      var li = el("li");
      li.setAttribute("data-" + kind, item.name);
      li.setAttribute("role", "switch");
      li.setAttribute("aria-checked", "true");
      li.title = item.name;
      var mark = el("span", kind === "class" ? "swatch" : "line");
      mark.style.background = item.color;
      li.appendChild(mark);
      li.appendChild(el("span", "name", item.zh + " " + item.name));
      li.appendChild(el("span", "n", item.count));
      li.addEventListener("click", function () { setOn(kind, i, !on[i]); });
      ul.appendChild(li);
    });
  }
  function setOn(kind, i, value) {
    var on = kind === "class" ? classOn : relOn;
    if (on[i] === value) return;
    on[i] = value;
    var li = document.querySelectorAll(kind === "class" ? "#legend-classes li" : "#legend-relations li")[i];
    li.classList.toggle("off", !value);
    li.setAttribute("aria-checked", String(value));
    hooks.setHidden(function (id) { return !nodeShown(id); }, function (id) { return !edgeShown(id); });
    updateCounts();
  }
  function refilter() {
    hooks.setHidden(function (id) { return !nodeShown(id); }, function (id) { return !edgeShown(id); });
    updateCounts();
  }
  var isolatedBox = document.getElementById("hide-isolated");
  isolatedBox.addEventListener("change", function () { hideIsolated = isolatedBox.checked; refilter(); });
  legend("legend-classes", D.classes, classOn, "class");
  legend("legend-relations", D.relations, relOn, "relation");
  updateCounts();

  // ------------------------------------------------------------ names for readers who do not read Chinese
  var zhLabels = D.nodes.map(function (n) { return n.label; });
  function nameIn(lang, id) {
    var labels = X().info[id].labels || {};
    if (lang === "zh-hans") return zhLabels[id];
    return labels[lang] || (lang === "en" ? labels["zh-latn-pinyin"] : null) || zhLabels[id];
  }
  var langSelect = document.getElementById("lang");
  function setLanguage(lang) {
    langSelect.value = lang;
    var changes = [];
    D.nodes.forEach(function (n, id) {
      var name = nameIn(lang, id);
      if (name !== n.label) { n.label = name; changes.push({ id: id, label: name }); }
    });
    if (!D.fast && changes.length) nodes.update(changes);
    network.redraw();
  }
  langSelect.addEventListener("change", function () { setLanguage(langSelect.value); });

  // ------------------------------------------------------------ node size
  var sizeSelect = document.getElementById("size-by");
  sizeSelect.value = D.sizeBy;
  sizeSelect.addEventListener("change", function () {
    var k = D.sizeMeasures.indexOf(sizeSelect.value);
    hooks.setSizes(function (id) { return X().info[id].sz[k]; });
  });

  // ------------------------------------------------------------ neighbourhood highlight
  function highlight(id) {
    if (id === null) { hooks.highlight(null); return; }
    var keep = [id], seen = new Set([id]), through = [];
    adjacency[id].forEach(function (eid) {
      if (!edgeShown(eid)) return;
      through.push(eid);
      [D.edges[eid].from, D.edges[eid].to].forEach(function (n) {
        if (!seen.has(n)) { seen.add(n); keep.push(n); }
      });
    });
    hooks.highlight(keep, through);
  }

  // ------------------------------------------------------------ tooltips (text only)
  function nodeTip(id) {
    var n = D.nodes[id], inf = X().info[id], cls = D.classes[n.c];
    var lines = [n.label, cls.zh + " · " + cls.name];
    var others = inf.names.filter(function (x) { return x !== n.label; }).slice(0, 6);
    if (others.length) lines.push("又名：" + others.join("、"));
    if (inf.code) lines.push("区划代码：" + inf.code);
    if (inf.amounts.totalInvestment !== undefined) lines.push("总投资：" + yuan(inf.amounts.totalInvestment));
    if (inf.amounts.floorArea !== undefined) lines.push("建筑面积：" + inf.amounts.floorArea.toLocaleString("en") + " m²");
    return lines.join("\n");
  }
  function edgeTip(eid) {
    var e = D.edges[eid], items = X().evidence[eid] || [];
    var lines = [D.nodes[e.from].label + " —" + relName(e.r) + "→ " + D.nodes[e.to].label];
    if (e.amt) lines.push("金额：" + yuan(e.amt));
    items.slice(0, 3).forEach(function (ev) {
      var art = X().articles[ev.a] || {};
      lines.push("“" + ev.s + "”");
      if (ev.v) lines.push("  经由指代 via " + viaText(ev.v));
      lines.push("  —— " + [art.title || art.source || "", art.date || ""].join(" ").trim());
    });
    if (items.length > 3) lines.push("（另有 " + (items.length - 3) + " 条证据）");
    return lines.join("\n");
  }
  var tip = el("div", "aidkg-tip");
  tip.hidden = true;
  container.appendChild(tip);
  var tipTimer = null;
  container.addEventListener("mousemove", function (ev) {
    tip.hidden = true;
    clearTimeout(tipTimer);
    if (ev.buttons) return;
    var rect = container.getBoundingClientRect();
    var p = { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    tipTimer = setTimeout(function () {
      var id = network.getNodeAt(p), text = null;
      if (id !== undefined) text = nodeTip(id);
      else {
        var eid = network.getEdgeAt(p);
        if (eid !== undefined) text = edgeTip(eid);
      }
      if (text === null) return;
      tip.textContent = text;
      tip.style.left = Math.min(p.x + 14, container.clientWidth - 300) + "px";
      tip.style.top = (p.y + 14) + "px";
      tip.hidden = false;
    }, 200);
  });
  container.addEventListener("mouseleave", function () { clearTimeout(tipTimer); tip.hidden = true; });

  // ------------------------------------------------------------ side panel
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true;
    network.unselectAll();
    highlight(null);
  });

  function sourceLine(art, method) {
    var div = el("div", "src");
    var bits = [];
    if (art.title) bits.push(art.title);
    if (art.date) bits.push(art.date);
    if (art.site) bits.push(art.site);
    div.appendChild(el("span", "art-title", "—— " + bits.join(" · ")));
    if (art.source) {
      div.appendChild(document.createTextNode(" "));
      var url = null;
      try { url = new URL(art.source); } catch (err) { url = null; }
      if (url && (url.protocol === "http:" || url.protocol === "https:")) {
        var a = el("a", "art-link", art.source);
        a.href = url.href;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        div.appendChild(a);
      } else {
        div.appendChild(el("span", "art-path", art.source));
      }
    }
    if (method) div.appendChild(el("span", "method", " [" + method + "]"));
    return div;
  }

  function viaText(via) {
    return via.map(function (r) { return r[1] ? r[0] + " → " + r[1] : r[0]; }).join("；");
  }

  function evidenceList(eid, parent) {
    var items = X().evidence[eid] || [];
    if (!items.length) parent.appendChild(el("div", "src", "（无证据句 no evidence sentence）"));
    items.forEach(function (ev) {
      parent.appendChild(el("blockquote", "evidence", ev.s));
      // the sentence does not name an entity but stands for it (该县, 我省): say which words, read as what
      if (ev.v) parent.appendChild(el("div", "via", "经由指代 via " + viaText(ev.v)));
      parent.appendChild(sourceLine(X().articles[ev.a] || {}, ev.m));
    });
  }

  function nodeLink(id) {
    var a = el("a", "node-link", D.nodes[id].label);
    a.addEventListener("click", function () { focusNode(id); });
    return a;
  }

  function relName(r) { var x = D.relations[r]; return x.zh + " " + x.name; }

  function relationBox(eid, from) {
    var e = D.edges[eid];
    var box = el("div", "rel");
    box.setAttribute("data-edge", eid);
    var head = el("div", "rel-head");
    if (from === undefined || e.from === from) {
      if (from === undefined) { head.appendChild(nodeLink(e.from)); head.appendChild(document.createTextNode(" ")); }
      head.appendChild(document.createTextNode("→ " + relName(e.r) + " → "));
      head.appendChild(nodeLink(e.to));
    } else {
      head.appendChild(nodeLink(e.from));
      head.appendChild(document.createTextNode(" → " + relName(e.r) + " → 本实体"));
    }
    box.appendChild(head);
    var reject = el("button", "reject-copy", "否决 Reject…");
    reject.type = "button";
    reject.title = "copy the corrections.yaml line that rejects this relation";
    reject.addEventListener("click", function () {
      var text = "- {reject: [" + JSON.stringify(D.nodes[e.from].label) + ", " + D.relations[e.r].name + ", " +
        JSON.stringify(D.nodes[e.to].label) + "]}";
      var field = document.querySelector("#panel .correct-line") || el("input", "correct-line");
      copyText(text, field);
      var holder = field.closest("details");
      if (holder) holder.open = true;
    });
    head.appendChild(reject);
    evidenceList(eid, box);
    return box;
  }

  function showNode(id) {
    var n = D.nodes[id], inf = X().info[id], cls = D.classes[n.c];
    body.replaceChildren();
    body.appendChild(el("h3", "name", n.label));
    var badge = el("span", "type", cls.zh + " · " + cls.name);
    badge.style.background = cls.color;
    body.appendChild(badge);
    var dl = el("dl");
    function row(k, v) { if (v === undefined || v === null || v === "") return; dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, v)); }
    Object.keys(inf.labels).forEach(function (lang) { row("名称 " + lang, inf.labels[lang]); });
    if (inf.alts.length) row("又名 aliases", inf.alts.join("、"));
    row("区划代码 code", inf.code);
    if (inf.amounts.totalInvestment !== undefined)
      row("总投资 investment", yuan(inf.amounts.totalInvestment) + "（" + inf.amounts.totalInvestment.toLocaleString("en") + " 元）");
    if (inf.amounts.floorArea !== undefined) row("建筑面积 floor area", inf.amounts.floorArea.toLocaleString("en") + " m²");
    row("开工 start", inf.dates.startDate);
    row("建成 completion", inf.dates.completionDate);
    row("PageRank", inf.pr.toFixed(4));
    row("度 degree", inf.deg);
    body.appendChild(dl);
    body.appendChild(el("div", "iri", iriOf(id)));
    body.appendChild(correctionBox(id));
    var ms = inf.ms || [];
    if (ms.length) {
      var mh = el("h4", "mentions-head", "提及 Mentioned in (" + ms.length + ")");
      body.appendChild(mh);
      var mbox = el("div", "mentions");
      ms.forEach(function (m) {
        mbox.appendChild(el("blockquote", "evidence mention", m[0]));
        mbox.appendChild(sourceLine(X().articles[m[1]] || {}, null));
      });
      body.appendChild(mbox);
    }
    var rels = adjacency[id];
    body.appendChild(el("h4", null, "关系与证据 Relations and evidence (" + rels.length + ")"));
    // a hub of a big graph can have thousands: show the first PANEL_PAGE, then more on request
    function more(from) {
      rels.slice(from, from + PANEL_PAGE).forEach(function (eid) { body.appendChild(relationBox(eid, id)); });
      if (rels.length > from + PANEL_PAGE) {
        var btn = el("button", "more", "显示更多 show more (" + (rels.length - from - PANEL_PAGE) + ")");
        btn.type = "button";
        btn.addEventListener("click", function () { btn.remove(); more(from + PANEL_PAGE); });
        body.appendChild(btn);
      }
    }
    more(0);
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  // ------------------------------------------------------------ corrections.yaml lines
  var OPS = [["delete", null, "删除 delete"], ["rename", "to", "改名 rename"], ["retype", "to", "改类 retype"],
             ["merge", "into", "合并 merge"]];
  function correctionLine(op, node, extra, value) {
    return "- {" + op + ": " + JSON.stringify(node) + (extra ? ", " + extra + ": " + JSON.stringify(value || "") : "") + "}";
  }
  function copyText(text, field) {
    field.value = text;
    try {
      if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).catch(function () {}); return; }
    } catch (err) { /* fall through */ }
    field.select();
    try { document.execCommand("copy"); } catch (err) { /* the line stays selected to copy by hand */ }
  }
  function correctionBox(id) {
    var box = el("details", "correct");
    box.appendChild(el("summary", null, "修正 Correct (corrections.yaml)"));
    var op = el("select", "correct-op");
    OPS.forEach(function (o) { var opt = el("option", null, o[2]); opt.value = o[0]; op.appendChild(opt); });
    var value = el("input", "correct-value");
    value.type = "text";
    var cls = el("select", "correct-class");
    D.classNames.forEach(function (c) { var opt = el("option", null, c); opt.value = c; cls.appendChild(opt); });
    var line = el("input", "correct-line");
    line.readOnly = true;
    var copy = el("button", "correct-copy", "复制 Copy line");
    copy.type = "button";
    function update() {
      var o = OPS.find(function (x) { return x[0] === op.value; });
      value.hidden = !o[1] || o[0] === "retype";
      cls.hidden = o[0] !== "retype";
      value.placeholder = o[0] === "merge" ? "另一节点的名称 the other node's name" : "新名称 new name";
      line.value = correctionLine(o[0], D.nodes[id].label, o[1], o[0] === "retype" ? cls.value : value.value);
    }
    [op, cls].forEach(function (x) { x.addEventListener("change", update); });
    value.addEventListener("input", update);
    copy.addEventListener("click", function () { update(); copyText(line.value, line); });
    [op, value, cls, copy, line].forEach(function (x) { box.appendChild(x); });
    update();
    return box;
  }

  function showEdge(eid) {
    var e = D.edges[eid];
    body.replaceChildren();
    body.appendChild(el("h3", "name", relName(e.r)));
    body.appendChild(relationBox(eid));
    panel.hidden = false;
  }

  function focusNode(id) {
    var c = D.nodes[id].c;
    if (!classOn[c]) setOn("class", c, true);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: D.big ? false : { duration: 400 } });
    highlight(id);
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); showNode(params.nodes[0]); }
    else if (params.edges.length) { highlight(null); showEdge(params.edges[0]); }
    else { highlight(null); panel.hidden = true; }
  });

  // ------------------------------------------------------------ search
  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  var current = [];
  var cursor = 0;

  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    X();
    var best = new Map();
    for (var j = 0; j < index.length; j++) {
      var name = index[j][0], pos = name.indexOf(q);
      if (pos < 0) continue;
      var score = name === q ? 0 : (pos === 0 ? 1 : 2);
      var id = index[j][1], prev = best.get(id);
      if (!prev || score < prev.score) best.set(id, { id: id, score: score, via: index[j][2] });
    }
    return Array.from(best.values()).sort(function (a, b) {
      return a.score - b.score || X().info[b.id].sz[0] - X().info[a.id].sz[0] ||
        D.nodes[a.id].label.length - D.nodes[b.id].label.length;
    }).slice(0, 20);
  }

  function renderResults() {
    results.replaceChildren();
    current.forEach(function (m, k) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-node", m.id);
      li.setAttribute("aria-selected", String(k === cursor));
      li.appendChild(el("span", "label", D.nodes[m.id].label));
      li.appendChild(el("span", "cls", D.classes[D.nodes[m.id].c].zh));
      if (m.via !== D.nodes[m.id].label) li.appendChild(el("span", "via", m.via));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(m.id); });
      results.appendChild(li);
    });
    results.hidden = current.length === 0;
  }
  function choose(id) {
    results.hidden = true;
    input.blur();
    focusNode(id);
  }
  input.addEventListener("input", function () { current = search(input.value); cursor = 0; renderResults(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      cursor = Math.max(0, Math.min(current.length - 1, cursor + (ev.key === "ArrowDown" ? 1 : -1)));
      renderResults();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      if (!current.length) current = search(input.value);
      if (current.length) choose(current[cursor] ? current[cursor].id : current[0].id);
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  window.aidkg = {
    network: network, nodes: nodes, edges: edges, data: D, details: X, hooks: hooks, shown: shown,
    setLanguage: function (lang) { setLanguage(lang); },
    setHideIsolated: function (on) { isolatedBox.checked = on; hideIsolated = on; refilter(); },
    focusNode: focusNode, search: search, iri: iriOf, nodeTip: nodeTip, edgeTip: edgeTip, setClass: function (name, on) {
      var i = D.classes.findIndex(function (c) { return c.name === name; });
      if (i >= 0) setOn("class", i, on);
    }
  };
})();
