/* conflictmap: the base map under the points (inlined into the map's script by dashboard/basemap.py).
 *
 * cmBasemap(map, cfg) with cfg = [mode, tileUrl, tileAttribution, loUrl, loKey, hiUrl, hiKey, maxZoom]:
 *   mode "streets"/"grey": the tile layer at tileUrl; when its tiles do not load (errors, or none
 *   within a few seconds: a field office, a plane, CI) the offline outline replaces it by itself;
 *   mode "outline": no tiles, no request outside the app: the outline only.
 * The outline is Natural Earth (scripts/build-basemap script of the repository): land, lakes, rivers, country and
 * first-level borders, labels of countries, regions and towns placed without overlapping. Each
 * level of detail (lo for zoom <= 5, hi above) is fetched once and kept in localStorage under its
 * content hash, so a new view (a new iframe) does not fetch it again; the fetch itself is run by the
 * app's page, so a frame replaced while its outline is on the way does not lose it.
 * Labels are set as text (textContent), never as HTML.
 */
window.cmBasemap = function (map, cfg) {
    "use strict";
    var mode = cfg[0], tileUrl = cfg[1], tileAttr = cfg[2];
    var files = {lo: {url: cfg[3], key: cfg[4]}, hi: {url: cfg[5], key: cfg[6]}};
    var state = window.cmBasemapState = {mode: mode, auto: false, loaded: [], fetched: [], labels: 0, drawn: ""};
    var HI_ZOOM = 6, SEA = "#d9e6ee", WAIT_MS = 15000;  // how long a frame waits for another's fetch
    var memo = window.cmBasemapMemo = window.cmBasemapMemo || {};
    map.setMaxZoom(cfg[7]);  // the map's own limit: with no tile layer (or after it is removed) clusters need one

    // a fetch in flight is announced on the app's page (window.top: every view's frame, same origin), so
    // a new view's frame made while an earlier frame is still fetching takes that fetch (a promise of
    // the page's, below) instead of fetching again; where the page cannot run it (another origin), a
    // time stamp: the frame waits for the copy in localStorage and fetches itself if none arrives in
    // time (the earlier frame may be gone)
    function shared() {
        try { var t = window.top; t.cmBasemapInflight = t.cmBasemapInflight || {}; return t.cmBasemapInflight; }
        catch (e) { return {}; }
    }
    function stored(key) {
        try { return window.localStorage.getItem(key); } catch (e) { return null; }
    }
    function waitStored(key, ms) {
        return new Promise(function (resolve) {
            var t0 = Date.now();
            (function poll() {
                var text = stored(key);
                if (text || !shared()[key] || Date.now() - t0 > ms) { resolve(text); } else { setTimeout(poll, 100); }
            })();
        });
    }

    function load(level) {
        var f = files[level];
        if (memo[f.key]) { return memo[f.key]; }
        var prefix = "cm-basemap:" + level + ":";
        var key = prefix + f.key, cached = stored(key), since = shared()[key];
        var p;
        if (cached) {
            p = Promise.resolve(cached);
        } else if (since && typeof since.then === "function") {
            // another frame's fetch, run by the app's page: it goes on when that frame is gone
            p = since.then(null, function () { return fetchLevel(level, f, prefix); });
        } else if (since && Date.now() - since < WAIT_MS) {
            p = waitStored(key, WAIT_MS - (Date.now() - since)).then(function (text) {
                return text || fetchLevel(level, f, prefix);
            });
        } else {
            p = fetchLevel(level, f, prefix);
        }
        memo[f.key] = p.then(function (text) { return JSON.parse(text); });
        memo[f.key].catch(function () { delete memo[f.key]; });
        return memo[f.key];
    }

    // Fetch a level and keep its text in localStorage (written once; the page runs a copy of it).
    function fetchAndStore(url, key, prefix) {
        return fetch(url, {credentials: "same-origin"}).then(function (r) {
            if (!r.ok) { throw new Error("basemap: HTTP " + r.status); }
            return r.text();
        }).then(function (text) {
            try {
                for (var i = localStorage.length - 1; i >= 0; i--) {
                    var k = localStorage.key(i);
                    if (k && k.indexOf(prefix) === 0) { localStorage.removeItem(k); }
                }
                localStorage.setItem(key, text);
            } catch (e) { /* storage full or refused: the HTTP cache still helps */ }
            return text;
        });
    }

    // The fetch is made by the app's page (window.top), not by this frame: Streamlit may replace a
    // map's frame while its outline is on the way (a second rerun of the same view), and a frame's
    // own fetch dies with it, so the next frame would fetch the file again. The page's copy of
    // fetchAndStore goes on; its promise is announced in the in-flight table.
    function topFetch() {
        try {
            var t = window.top;
            if (t === window) { return null; }
            if (!t.cmBasemapFetch) { t.cmBasemapFetch = new t.Function("return " + fetchAndStore.toString())(); }
            return t.cmBasemapFetch;
        } catch (e) { return null; }  // another origin, or a page that forbids eval: fetch here
    }

    function fetchLevel(level, f, prefix) {
        var inflight = shared(), viaTop = topFetch(), key = prefix + f.key, p = null;
        state.fetched.push(level);
        if (viaTop) {
            try { p = viaTop(new URL(f.url, window.location.href).href, key, prefix); }
            catch (e) { p = null; /* this frame fetches */ }
        }
        // the page's promise outlives this frame; a frame's own fetch is announced by its time only
        var mark = p || Date.now();
        inflight[key] = mark;
        p = p || fetchAndStore(f.url, key, prefix);
        var clear = function () { if (inflight[key] === mark) { delete inflight[key]; } };
        p.then(clear, clear);
        return p;
    }

    function decode(a, q) {
        var out = [], x = 0, y = 0;
        for (var i = 0; i + 1 < a.length; i += 2) { x += a[i]; y += a[i + 1]; out.push([y / q, x / q]); }
        return out;
    }

    var pane = map.createPane("cmBase");
    pane.style.zIndex = 250;
    pane.style.pointerEvents = "none";
    var labelPane = map.createPane("cmLabels");
    labelPane.style.zIndex = 390;
    labelPane.style.pointerEvents = "none";
    var renderer = L.canvas({pane: "cmBase", padding: 0.3});
    var geometry = {};  // level -> layer group
    var shown = null, labels = [], labelLayer = null, active = false;

    function group(doc) {
        var q = doc.q, g = L.layerGroup(), r;
        var o = {renderer: renderer, pane: "cmBase", interactive: false};
        var rings = function (list) { return list.map(function (a) { return decode(a, q); }); };
        g.addLayer(L.polygon(rings(doc.land), L.extend({}, o, {
            stroke: true, color: "#86a5b9", weight: 1, fill: true, fillColor: "#f6f2ea", fillOpacity: 1})));
        g.addLayer(L.polyline(rings(doc.admin1), L.extend({}, o, {color: "#b9ab98", weight: 0.8, dashArray: "3 3"})));
        g.addLayer(L.polyline(rings(doc.river), L.extend({}, o, {color: "#8db4cf", weight: 1.2})));
        g.addLayer(L.polygon(rings(doc.lake), L.extend({}, o, {
            color: "#86a5b9", weight: 0.8, fill: true, fillColor: SEA, fillOpacity: 1})));
        g.addLayer(L.polyline(rings(doc.country), L.extend({}, o, {color: "#857766", weight: 1.5})));
        r = g;
        state.loaded.push(doc.level);
        return r;
    }

    function showLevel(level) {
        if (!active || shown === level) { return; }
        var swap = function () {
            if (!active) { return; }
            var want = map.getZoom() >= HI_ZOOM ? "hi" : "lo";
            if (want !== level && geometry[want]) { level = want; }
            if (shown === level) { return; }
            if (shown && geometry[shown]) { map.removeLayer(geometry[shown]); }
            geometry[level].addTo(map);
            shown = level;
            state.drawn = level;
        };
        if (geometry[level]) { swap(); return; }
        load(level).then(function (doc) {
            if (!geometry[level]) { geometry[level] = group(doc); }
            if (level === "lo" && !labels.length) { labels = doc.labels || []; placeLabels(); }
            if ((map.getZoom() >= HI_ZOOM ? "hi" : "lo") === level || !shown) { swap(); }
        }).catch(function (e) { state.error = String(e); });
    }

    function label(r) {
        var kind = r[2], el = document.createElement("div");
        el.className = "cm-lbl cm-lbl-" + kind;
        var name = document.createElement("span");
        name.textContent = r[4];
        el.appendChild(name);
        if (r[5] && (kind === "c" || map.getZoom() >= 7)) {
            var ar = document.createElement("span");
            ar.className = "cm-lbl-ar";
            ar.dir = "rtl";
            ar.lang = "ar";
            ar.textContent = r[5];
            el.appendChild(ar);
        }
        return el;
    }

    function placeLabels() {
        if (!active || !labels.length) { return; }
        if (labelLayer) { map.removeLayer(labelLayer); }
        labelLayer = L.layerGroup();
        var z = map.getZoom(), b = map.getBounds().pad(0.05), q = 100, boxes = [], n = 0;
        var size = map.getSize();
        for (var i = 0; i < labels.length && n < 260; i++) {
            var r = labels[i];
            if (r[3] > z) { continue; }
            var ll = L.latLng(r[1] / q, r[0] / q);
            if (!b.contains(ll)) { continue; }
            var p = map.latLngToContainerPoint(ll);
            var two = r[5] && (r[2] === "c" || z >= 7);
            var w = Math.max(r[4].length, two ? r[5].length : 0) * (r[2] === "c" ? 7.5 : 6.4) + 12;
            var h = two ? 28 : 15;
            var box = r[2] === "t" ? [p.x - 4, p.y - h / 2, p.x + w, p.y + h / 2]
                                   : [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
            if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) { continue; }
            var clash = false;
            for (var j = 0; j < boxes.length; j++) {
                var o = boxes[j];
                if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) { clash = true; break; }
            }
            if (clash) { continue; }
            boxes.push(box);
            n++;
            labelLayer.addLayer(L.marker(ll, {pane: "cmLabels", interactive: false, keyboard: false,
                icon: L.divIcon({className: "cm-lbl-wrap cm-lbl-wrap-" + r[2], html: label(r), iconSize: null})}));
        }
        labelLayer.addTo(map);
        state.labels = n;
    }

    function outline(auto) {
        if (active) { return; }
        active = true;
        state.mode = "outline";
        state.auto = !!auto;
        map.getContainer().style.background = SEA;
        map.attributionControl.addAttribution("Natural Earth");
        showLevel(map.getZoom() >= HI_ZOOM ? "hi" : "lo");
        if (map.getZoom() >= HI_ZOOM) { load("lo").then(function (doc) { labels = doc.labels || []; placeLabels(); }); }
        map.on("zoomend", function () { showLevel(map.getZoom() >= HI_ZOOM ? "hi" : "lo"); });
        map.on("moveend zoomend", placeLabels);
        if (auto) {
            var note = L.control({position: "topright"});
            note.onAdd = function () {
                var d = L.DomUtil.create("div", "cm-note");
                d.textContent = "Map tiles did not load: offline outline";
                return d;
            };
            note.addTo(map);
        }
    }

    if (mode === "outline" || !tileUrl) {
        outline(false);
        return state;
    }
    var ok = 0, bad = 0;
    var tiles = L.tileLayer(tileUrl, {attribution: tileAttr, maxZoom: cfg[7]});
    var fallback = function () {
        if (active || ok) { return; }
        map.removeLayer(tiles);
        outline(true);
    };
    tiles.on("tileload", function () { ok++; });
    tiles.on("tileerror", function () { bad++; if (!ok && bad >= 2) { fallback(); } });
    tiles.addTo(map);
    setTimeout(fallback, 8000);  // requests that hang (a firewall that drops them) never report an error
    return state;
};
