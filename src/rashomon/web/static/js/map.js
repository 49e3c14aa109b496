/* The incident map: Leaflet over packaged boundaries, no tile server. Popups are built with
   DOM text nodes (never innerHTML): incident titles come from untrusted report text. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) { return; }

  var GRADE_COLOURS = {
    confirmed: "#1b7f3b", fair: "#2a6fb0", weak: "#8a8a8a", contested: "#c0392b", discounted: "#6b4f9e"
  };

  var map = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 35], 3);
  map.attributionControl.setPrefix(false);
  // Boundaries load asynchronously: their own pane keeps them under the markers whatever arrives first.
  map.createPane("boundaries").style.zIndex = 350;
  map.attributionControl.addAttribution("Boundaries: Natural Earth");
  var layers = L.control.layers(null, null, { collapsed: true }).addTo(map);

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  /* Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180 and would draw a line
     across the world: shift their western half by 360 degrees so they continue past 180.
     Rings with an odd number of jumps circle a pole (Antarctica) and are left alone. */
  function unwrapRing(ring) {
    var jumps = 0;
    for (var i = 1; i < ring.length; i++) {
      if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { jumps++; }
    }
    if (jumps === 0 || jumps % 2 === 1) { return ring; }
    return ring.map(function (pt) { return pt[0] < 0 ? [pt[0] + 360, pt[1]] : pt; });
  }

  function unwrap(collection) {
    collection.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) { return; }
      if (g.type === "Polygon") { g.coordinates = g.coordinates.map(unwrapRing); }
      if (g.type === "MultiPolygon") { g.coordinates = g.coordinates.map(function (p) { return p.map(unwrapRing); }); }
    });
    return collection;
  }

  function popupFor(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p.id);
    link.textContent = p.title;
    box.appendChild(link);
    var facts = document.createElement("p");
    var date = p.time ? String(p.time).slice(0, 10) : "undated";
    facts.textContent = [date, p.place || "", p.grade, p.n_reports + " report(s)"].filter(Boolean).join(" · ");
    box.appendChild(facts);
    return box;
  }

  var countries = getJSON(el.dataset.countries).then(function (topo) {
    var name = Object.keys(topo.objects)[0];
    var layer = L.geoJSON(unwrap(topojson.feature(topo, topo.objects[name])), {
      interactive: false,
      pane: "boundaries",
      style: { color: "#7d8791", weight: 1, fillColor: "#eef0ea", fillOpacity: 1 }
    }).addTo(map);
    layer.bringToBack();  // countries under provinces
    layers.addOverlay(layer, "Countries");
  });

  var admin1 = getJSON(el.dataset.admin1).then(function (geo) {
    var layer = L.geoJSON(unwrap(geo), {
      interactive: false,
      pane: "boundaries",
      style: { color: "#b3b9bf", weight: 0.5, fill: false }
    }).addTo(map);
    layers.addOverlay(layer, "Provinces (admin-1)");
  });

  var incidents = getJSON(el.dataset.incidents).then(function (collection) {
    var markers = [];
    collection.features.forEach(function (f) {
      var p = f.properties;
      var colour = GRADE_COLOURS[p.grade] || "#333";
      var marker = L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        radius: 6 + Math.min(8, p.n_reports), color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.85,
        className: "incident-marker grade-" + p.grade
      });
      marker.bindPopup(popupFor(p));
      marker.addTo(map);
      markers.push(marker);
    });
    if (markers.length) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.15), { maxZoom: 6, animate: false });
    }
    el.dataset.markers = String(markers.length);
  });

  Promise.allSettled([countries, admin1, incidents]).then(function (results) {
    var failed = results.filter(function (r) { return r.status === "rejected"; });
    failed.forEach(function (r) {
      var note = document.createElement("p");
      note.className = "map-error";
      note.textContent = "Could not load map data: " + r.reason.message;
      el.parentNode.insertBefore(note, el.nextSibling);
    });
    el.dataset.ready = failed.length ? "partial" : "yes";
  });
}());
