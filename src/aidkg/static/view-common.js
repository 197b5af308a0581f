/* aidkg views (timeline, map): helpers both pages use, read before the view's own script.
   Article text reaches the DOM only through textContent. */
var aidkgView = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function yuan(v) {
    if (v >= 1e8) return (v / 1e8).toFixed(2).replace(/\.?0+$/, "") + " 亿元";
    if (v >= 1e4) return (v / 1e4).toFixed(2).replace(/\.?0+$/, "") + " 万元";
    return v.toFixed(0) + " 元";
  }
  return { el: el, svg: svg, yuan: yuan };
})();
