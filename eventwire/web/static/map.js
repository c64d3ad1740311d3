// The event map: Natural Earth country outlines (world-110m.json, TopoJSON shipped with the
// package) drawn as SVG in an equirectangular projection, with the API's clustered points on top.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 1000, H = 500;
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  var query = box.dataset.query;

  function x(lon) { return (lon + 180) / 360 * W; }
  function y(lat) { return (90 - lat) / 180 * H; }
  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  // TopoJSON arcs are quantized and delta-encoded; a negative index ~i means arc i reversed.
  function decodeArcs(topo) {
    var s = topo.transform.scale, t = topo.transform.translate;
    return topo.arcs.map(function (arc) {
      var a = 0, b = 0;
      return arc.map(function (p) {
        a += p[0]; b += p[1];
        return [a * s[0] + t[0], b * s[1] + t[1]];
      });
    });
  }
  function ringPath(ring, arcs) {
    var points = [];
    ring.forEach(function (index) {
      var arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      points = points.concat(points.length ? arc.slice(1) : arc);
    });
    var d = "";
    points.forEach(function (p, i) {
      // A jump across the antimeridian starts a new stretch instead of a line across the map.
      var jump = i > 0 && Math.abs(p[0] - points[i - 1][0]) > 180;
      d += (i === 0 || jump ? "M" : "L") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1);
    });
    return d + "Z";
  }
  function geometryPath(g, arcs) {
    var polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return polygons.map(function (rings) {
      return rings.map(function (r) { return ringPath(r, arcs); }).join("");
    }).join("");
  }

  var svg = el("svg", { viewBox: "0 0 " + W + " " + H, id: "map-svg", role: "img",
                        "aria-label": "map of event locations" });
  svg.appendChild(el("rect", { class: "ocean", x: 0, y: 0, width: W, height: H }));
  var land = el("g", { id: "countries" });
  var dots = el("g", { id: "points" });
  svg.appendChild(land);
  svg.appendChild(dots);
  box.appendChild(svg);

  var view = [0, 0, W, H];
  function setView(v) {
    view = v;
    svg.setAttribute("viewBox", v.map(function (n) { return n.toFixed(1); }).join(" "));
  }

  function drawPoints(points) {
    while (dots.firstChild) { dots.removeChild(dots.firstChild); }
    var scale = view[2] / W;
    var most = points.reduce(function (m, p) { return Math.max(m, p.events); }, 1);
    points.forEach(function (p) {
      var r = (3 + 9 * Math.sqrt(p.events / most)) * scale;
      // The server sends it on to the event's incident, or to the event in its article.
      var link = el("a", { href: "/incidents/by-event/" + p.event_id });
      var dot = el("circle", { class: "point", cx: x(p.lon), cy: y(p.lat), r: r,
                               "stroke-width": 1, "data-events": p.events });
      var title = el("title", {});
      title.textContent = p.events + " event" + (p.events === 1 ? "" : "s") +
        (p.place ? " near " + p.place : "") + ": opens the latest";
      dot.appendChild(title);
      link.appendChild(dot);
      if (p.events > 1) {
        var label = el("text", { class: "label", x: x(p.lon), y: y(p.lat), "font-size": r });
        label.textContent = p.events;
        link.appendChild(label);
      }
      dots.appendChild(link);
    });
  }

  function load(cell) {
    var url = "/api/map?" + query + (query ? "&" : "") + "cell=" + cell;
    return fetch(url).then(function (r) { return r.json(); });
  }

  function fit(points) {
    if (!points.length) { setView([0, 0, W, H]); return; }
    var xs = points.map(function (p) { return x(p.lon); });
    var ys = points.map(function (p) { return y(p.lat); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(x1 - x0, 20) * 1.6, h = Math.max(y1 - y0, 10) * 1.6;
    if (w / h > 2) { h = w / 2; } else { w = h * 2; }
    setView([(x0 + x1 - w) / 2, (y0 + y1 - h) / 2, w, h]);
  }

  // Points are clustered on a grid about 1/60 of the visible width, so dense areas stay legible.
  function refresh() {
    var cell = Math.max(view[2] / W * 360 / 60, 0.01);
    return load(cell.toFixed(3)).then(function (data) {
      drawPoints(data.points);
      var n = data.points.reduce(function (s, p) { return s + p.events; }, 0);
      status.textContent = n + " located events in " + data.points.length + " points";
      status.dataset.points = data.points.length;
    });
  }

  var base = fetch("/static/world-110m.json").then(function (r) { return r.json(); })
    .then(function (topo) {
      var arcs = decodeArcs(topo);
      topo.objects.countries.geometries.forEach(function (g) {
        var path = el("path", { class: "country", d: geometryPath(g, arcs) });
        var title = el("title", {});
        title.textContent = (g.properties && g.properties.name) || "";
        path.appendChild(title);
        land.appendChild(path);
      });
    });
  var overview = load(6);
  Promise.all([base, overview]).then(function (done) {
    fit(done[1].points);
    return refresh();
  }).then(function () { box.dataset.ready = "yes"; }, function (err) {
    status.textContent = "the map could not load: " + err;
  });
  document.getElementById("map-world").addEventListener("click", function () {
    setView([0, 0, W, H]); refresh();
  });
  document.getElementById("map-fit").addEventListener("click", function () {
    overview.then(function (data) { fit(data.points); refresh(); });
  });
})();
