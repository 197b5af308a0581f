/* aidkg map: province outlines, places from division codes, money as flow width.
   Article text reaches the DOM only through textContent. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("aidkg-view").textContent);
  var O = JSON.parse(document.getElementById("aidkg-outlines").textContent);
  var el = aidkgView.el, svg = aidkgView.svg, yuan = aidkgView.yuan;
  // equirectangular, shrunk east-west at China's middle latitude
  var K = 10, COS = Math.cos(36 * Math.PI / 180), LON0 = 73, LAT0 = 54;
  function xy(lon, lat) { return [((lon - LON0) * COS * K).toFixed(1), ((LAT0 - lat) * K).toFixed(1)]; }
  var W = (136 - LON0) * COS * K, H = (LAT0 - 17) * K;
  var root = svg("svg", { viewBox: "0 0 " + W.toFixed(0) + " " + H.toFixed(0), role: "img", "aria-label": "map" });
  var defs = svg("defs");
  D.kinds.forEach(function (k) {
    var m = svg("marker", { id: "arrow-" + k.name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
                            markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: k.color }));
    defs.appendChild(m);
  });
  root.appendChild(defs);
  var land = svg("g", { "class": "provinces" });
  O.provinces.forEach(function (p) {
    var d = p.rings.map(function (ring) {
      return "M" + ring.map(function (pt) { return xy(pt[0], pt[1]).join(","); }).join("L") + "Z";
    }).join("");
    land.appendChild(svg("path", { d: d, fill: "#f3f3f0", stroke: "#b8b8b8", "stroke-width": 0.8, "data-code": p.code }));
  });
  root.appendChild(land);

  var tip = document.getElementById("tip");
  function showTip(ev, text) { tip.textContent = text; tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px"; tip.hidden = false; }
  function hideTip() { tip.hidden = true; }
  var P = D.points.map(function (p) { return xy(p.lon, p.lat).map(Number); });
  function curve(a, b, bend) {
    var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2, dx = b[0] - a[0], dy = b[1] - a[1];
    return "M" + a[0] + "," + a[1] + " Q" + (mx - dy * bend).toFixed(1) + "," + (my + dx * bend).toFixed(1) + " " + b[0] + "," + b[1];
  }
  var pairs = svg("g", { "class": "pairs" });
  D.pairs.forEach(function (p) {
    pairs.appendChild(svg("path", { d: curve(P[p.from], P[p.to], 0.12), fill: "none", stroke: "#888", "stroke-width": 0.8,
                                    "stroke-dasharray": "3,3", "marker-end": p.directed ? "url(#arrow-aid-funds)" : "" }));
  });
  root.appendChild(pairs);
  var kindOn = {};
  D.kinds.forEach(function (k) { kindOn[k.name] = true; });
  var colour = {};
  D.kinds.forEach(function (k) { colour[k.name] = k.color; });
  var flows = svg("g", { "class": "flows" });
  D.flows.forEach(function (f, i) {
    var path = svg("path", { d: curve(P[f.from], P[f.to], 0.2), fill: "none", stroke: colour[f.kind], "stroke-width": f.width,
                             "stroke-opacity": 0.55, "stroke-linecap": "round", "marker-end": "url(#arrow-" + f.kind + ")",
                             "class": "flow", "data-kind": f.kind, "data-i": i });
    var text = D.points[f.from].name + " → " + D.points[f.to].name + "\n" + f.kind + " · " + yuan(f.amount) + "\n" +
      f.figures.map(function (x) { return "· " + x.stated + "  " + x.s; }).join("\n");
    path.addEventListener("mousemove", function (ev) { showTip(ev, text); });
    path.addEventListener("mouseleave", hideTip);
    flows.appendChild(path);
  });
  root.appendChild(flows);
  var dots = svg("g", { "class": "places" });
  D.points.forEach(function (p, i) {
    var c = svg("circle", { cx: P[i][0], cy: P[i][1], r: 3.2, fill: D.classes[p.cls] || "#777", stroke: "#fff", "stroke-width": 0.8 });
    c.addEventListener("mousemove", function (ev) { showTip(ev, p.name + " · " + p.cls); });
    c.addEventListener("mouseleave", hideTip);
    dots.appendChild(c);
    dots.appendChild(svg("text", { x: P[i][0] + 4, y: P[i][1] - 3, "font-size": 9, fill: "#333", stroke: "#fff",
                                   "stroke-width": 2, "paint-order": "stroke" }, p.name));
  });
  root.appendChild(dots);
  document.getElementById("map").appendChild(root);

  var kinds = document.getElementById("kinds");
  D.kinds.forEach(function (k) {
    var s = el("span", "kind");
    s.setAttribute("data-kind", k.name);
    var sw = el("span", "swatch");
    sw.style.background = k.color;
    s.appendChild(sw);
    s.appendChild(el("span", null, k.zh + " " + k.name));
    s.addEventListener("click", function () {
      kindOn[k.name] = !kindOn[k.name];
      s.classList.toggle("off", !kindOn[k.name]);
      flows.querySelectorAll('[data-kind="' + k.name + '"]').forEach(function (x) { x.style.display = kindOn[k.name] ? "" : "none"; });
    });
    kinds.appendChild(s);
  });
  var tbody = document.querySelector("#flows tbody");
  D.flows.forEach(function (f) {
    var tr = el("tr");
    tr.appendChild(el("td", null, D.points[f.from].name));
    tr.appendChild(el("td", null, D.points[f.to].name));
    tr.appendChild(el("td", null, f.kind));
    var amt = el("td", "num", yuan(f.amount));
    amt.title = f.amount.toLocaleString("en") + " 元";
    tr.appendChild(amt);
    tbody.appendChild(tr);
  });
  var ul = document.getElementById("unplaced");
  D.unplaced.forEach(function (u) {
    ul.appendChild(el("li", null, (u.donor || "?") + " → " + (u.recipient || "?") + " · " + u.kind + " · " + yuan(u.amount)));
  });
  window.aidkgView = { data: D };
  document.body.setAttribute("data-drawn", "1");
})();
