/* aidkg timeline: counts and money by year as SVG bars; a year's sentences on click.
   Article text reaches the DOM only through textContent. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("aidkg-view").textContent);
  var el = aidkgView.el, svg = aidkgView.svg, yuan = aidkgView.yuan;
  var tip = document.getElementById("tip");
  function showTip(ev, text) { tip.textContent = text; tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px"; tip.hidden = false; }
  function hideTip() { tip.hidden = true; }

  var years = D.years;
  var W = Math.max(640, 80 + years.length * 64), H = 220, top = 16, bottom = 34, left = 56;
  var slot = (W - left - 10) / Math.max(years.length, 1);

  function chart(target, series, valueOf, fmt) {
    var max = 0;
    years.forEach(function (y) { series.forEach(function (s) { max = Math.max(max, valueOf(y, s)); }); });
    max = max || 1;
    var root = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img" });
    root.appendChild(svg("line", { x1: left, y1: H - bottom, x2: W - 10, y2: H - bottom, stroke: "#999" }));
    [0, 0.5, 1].forEach(function (f) {
      var y = H - bottom - f * (H - top - bottom);
      root.appendChild(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#666" }, fmt(max * f)));
    });
    years.forEach(function (yr, i) {
      var g = svg("g", { "class": "year", "data-year": yr.year });
      var x0 = left + i * slot;
      g.appendChild(svg("rect", { "class": "bg", x: x0, y: top, width: slot, height: H - top - bottom, fill: "transparent" }));
      var bw = (slot - 12) / series.length;
      series.forEach(function (s, k) {
        var v = valueOf(yr, s), h = (H - top - bottom) * v / max;
        var r = svg("rect", { x: x0 + 6 + k * bw, y: H - bottom - h, width: Math.max(bw - 2, 1), height: h, fill: s.color,
                              "class": "bar", "data-series": s.name, "data-value": v });
        r.addEventListener("mousemove", function (ev) { showTip(ev, yr.year + " · " + s.zh + " " + s.name + ": " + fmt(v)); });
        r.addEventListener("mouseleave", hideTip);
        g.appendChild(r);
      });
      g.appendChild(svg("text", { x: x0 + slot / 2, y: H - bottom + 16, "text-anchor": "middle", "font-size": 11 }, yr.year));
      g.addEventListener("click", function () { detail(yr); });
      root.appendChild(g);
    });
    var legend = svg("g", {});
    series.forEach(function (s, k) {
      legend.appendChild(svg("rect", { x: left + k * 150, y: H - 12, width: 10, height: 10, fill: s.color }));
      legend.appendChild(svg("text", { x: left + k * 150 + 14, y: H - 3, "font-size": 11 }, s.zh + " " + s.name));
    });
    root.appendChild(legend);
    document.getElementById(target).appendChild(root);
  }

  var countSeries = [
    { name: "pairings", zh: "对口关系", color: "#d62728", of: function (y) { return y.pairings.length; } },
    { name: "started", zh: "开工", color: "#ff7f0e", of: function (y) { return y.started.length; } },
    { name: "finished", zh: "建成", color: "#2ca02c", of: function (y) { return y.finished.length; } }
  ];
  chart("counts-chart", countSeries, function (y, s) { return s.of(y); }, function (v) { return String(Math.round(v)); });
  chart("money-chart", D.kinds, function (y, s) { return y.money[s.name] || 0; }, function (v) { return v ? yuan(v) : "0"; });

  var box = document.getElementById("year-detail");
  function source(parent, sentence, title) {
    parent.appendChild(el("blockquote", null, sentence));
    if (title) parent.appendChild(el("div", "hint", "—— " + title));
  }
  function detail(yr) {
    box.replaceChildren();
    box.appendChild(el("h3", null, yr.year + " 年"));
    box.appendChild(el("div", "hint", yr.articles + " 篇文章 articles"));
    if (yr.pairings.length) {
      box.appendChild(el("h4", null, "对口关系 Pairings (" + yr.pairings.length + ")"));
      yr.pairings.forEach(function (p) {
        box.appendChild(el("div", "pair", p.a + (p.directed ? " → " : " ↔ ") + p.b));
        source(box, p.s, p.t);
      });
    }
    [["started", "开工 Started"], ["finished", "建成 Finished"]].forEach(function (b) {
      if (!yr[b[0]].length) return;
      box.appendChild(el("h4", null, b[1] + " (" + yr[b[0]].length + ")"));
      var ul = el("ul");
      yr[b[0]].forEach(function (p) { ul.appendChild(el("li", null, p.name + " · " + p.date)); });
      box.appendChild(ul);
    });
    if (yr.moneyItems.length) {
      box.appendChild(el("h4", null, "资金 Money (" + yr.moneyItems.length + ")"));
      yr.moneyItems.forEach(function (m) {
        box.appendChild(el("div", "money", (m.donor || "?") + " → " + (m.recipient || "?") + " · " + m.kind + " · " +
          yuan(m.amount) + "（" + m.stated + "）"));
        source(box, m.s, m.t);
      });
    }
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  var tbody = document.querySelector("#spans tbody");
  D.spans.forEach(function (s) {
    var tr = el("tr");
    tr.appendChild(el("td", null, s.start ? s.start + "–" + s.end + (s.period ? "（" + s.period + "）" : "") : "—"));
    tr.appendChild(el("td", null, s.donor || "?"));
    tr.appendChild(el("td", null, s.recipient || "?"));
    tr.appendChild(el("td", null, s.kind));
    var amt = el("td", "num", yuan(s.amount));
    amt.title = s.amount.toLocaleString("en") + " 元（" + s.stated + "）";
    tr.appendChild(amt);
    tr.appendChild(el("td", "sentence", s.s));
    tbody.appendChild(tr);
  });
  window.aidkgView = { data: D, detail: detail };
  document.body.setAttribute("data-drawn", "1");
})();
