// The relationships pages: the account's relationship map (ECharts graph) and the org chart
// (drag and drop to re-parent, PNG export). No inline scripts (CSP): data comes from
// <script type="application/json"> blocks and data-* attributes, texts already translated.
(function () {
  "use strict";

  var STANCE = { supporter: "#12b76a", neutral: "#98a2b3", opponent: "#f04438", unknown: "#e4e7ec" };
  var USER = "#2e5bff";
  var COMPETITOR = "#7a5af8";
  var EDGES = {
    reports_to: { color: "#98a2b3", type: "solid", width: 1.2, curveness: 0 },
    dotted_line: { color: "#98a2b3", type: "dashed", width: 1.2, curveness: 0.1 },
    influence: { color: "#f79009", type: "solid", width: 1, curveness: 0.18 },
    acquaintance: { color: "#2e5bff", type: "solid", width: 1, curveness: 0.05 },
    competitor_tie: { color: "#7a5af8", type: "dashed", width: 1, curveness: 0.05 },
  };
  var SIZE = { key: 30, important: 20, normal: 11 };

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function escapeHtml(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function fontFamily() {
    return window.getComputedStyle(document.body).fontFamily;
  }

  function dots(n) {
    var out = "";
    for (var i = 1; i <= 5; i += 1) { out += i <= n ? "●" : "○"; }
    return out;
  }

  // --- the relationship map ----------------------------------------------------------------

  // Key and important people, ours and competitors are always named; everyone else when
  // "All names" is ticked or the map is zoomed in far enough (the series' own label).
  function nodeView(n, allLabels) {
    var view = { id: n.id, name: n.name, node: n, label: {}, itemStyle: {} };
    if (n.kind === "contact" || n.kind === "external_contact") {
      var size = SIZE[n.importance] || SIZE.normal;
      view.symbolSize = n.kind === "contact" ? size : Math.max(10, size * 0.8);
      if (allLabels || n.importance === "key" || n.importance === "important") { view.label.show = true; }
      if (n.kind === "contact") {
        view.symbol = "circle";
        view.itemStyle.color = STANCE[n.status] || STANCE.unknown;
        view.itemStyle.borderColor = n.status === "unknown" ? "#98a2b3" : "#ffffff";
        view.itemStyle.borderWidth = 1;
      } else {
        view.symbol = "diamond";
        view.itemStyle = { color: "#ffffff", borderColor: "#667085", borderWidth: 1.5, borderType: "dashed" };
      }
    } else if (n.kind === "user") {
      // Labels that overlap give way by symbol area: ours and competitors' stay readable.
      view.symbol = "roundRect";
      view.symbolSize = 24;
      view.itemStyle = { color: USER, borderColor: "#ffffff", borderWidth: 1 };
      view.label = { show: true, color: USER, fontWeight: 600 };
    } else {
      view.symbol = "triangle";
      view.symbolSize = 26;
      view.itemStyle = { color: COMPETITOR, borderColor: "#ffffff", borderWidth: 1 };
      view.label = { show: true, color: COMPETITOR, fontWeight: 600 };
    }
    if (n.kind === "contact" && n.importance === "key") {
      view.label.fontWeight = 600;
    }
    return view;
  }

  function edgeView(e, big) {
    var style = EDGES[e.kind];
    var width = style.width;
    if (e.strength) { width = e.kind === "influence" ? 0.6 + e.strength * 0.7 : 0.4 + e.strength * 0.45; }
    return {
      source: e.source,
      target: e.target,
      edge: e,
      symbol: e.kind === "influence" ? ["none", "arrow"] : ["none", "none"],
      symbolSize: e.kind === "influence" ? 5 + (e.strength || 1) : 0,
      lineStyle: {
        color: style.color, type: style.type, width: width, curveness: style.curveness,
        opacity: (e.kind === "reports_to" ? 0.75 : 0.85) * (big ? 0.55 : 1),
      },
    };
  }

  function initMap(el) {
    var source = readJson(el.dataset.source);
    if (!source || !window.echarts) { return; }
    var texts = source.texts;
    var filters = document.getElementById(el.dataset.filters);
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var big = source.nodes.length > 120;
    var zoomedIn = false;
    var NAME_ALL_AT_ZOOM = 1.8;
    var small = source.nodes.length <= 40;
    var fit = Math.max(0.35, Math.min(1, el.clientWidth / 760));
    var byName = {};
    source.nodes.forEach(function (n) { byName[n.name] = n.id; });

    function checkedKinds() {
      var kinds = {};
      filters.querySelectorAll('input[name="kind"]').forEach(function (box) {
        kinds[box.value] = box.checked;
      });
      return kinds;
    }

    function tooltip(p) {
      if (p.dataType === "node") {
        var n = p.data.node;
        var lines = ["<strong>" + escapeHtml(n.name) + "</strong>"];
        if (n.detail) { lines.push(escapeHtml(n.detail)); }
        var contact = n.kind === "contact" || n.kind === "external_contact";
        lines.push('<span style="color:#667085">' + escapeHtml(texts.node_kinds[n.kind]) + "</span>");
        if (contact && n.importance) {
          lines.push(escapeHtml(texts.importance) + ": " + escapeHtml(texts.importance_levels[n.importance]));
        }
        if (n.kind === "contact" && n.status) {
          lines.push(escapeHtml(texts.stance) + ": " + escapeHtml(texts.statuses[n.status]));
        }
        lines.push('<span style="color:#667085">' + escapeHtml(texts.open) + "</span>");
        return lines.join("<br>");
      }
      if (p.dataType === "edge") {
        var e = p.data.edge;
        var names = {};
        source.nodes.forEach(function (n) { if (n.id === e.source || n.id === e.target) { names[n.id] = n.name; } });
        var text = "<strong>" + escapeHtml(texts.edge_kinds[e.kind]) + "</strong><br>" +
          escapeHtml(names[e.source]) + " → " + escapeHtml(names[e.target]);
        if (e.strength) {
          var label = e.kind === "influence" ? texts.strength : texts.closeness;
          text += "<br>" + escapeHtml(label) + " " + dots(e.strength) + " " + e.strength + "/5";
        }
        return text;
      }
      return "";
    }

    function render() {
      var kinds = checkedKinds();
      var allLabels = filters.querySelector('input[name="all_labels"]').checked;
      var edges = source.edges.filter(function (e) { return kinds[e.kind]; });
      var linked = {};
      edges.forEach(function (e) { linked[e.source] = true; linked[e.target] = true; });
      var nodes = source.nodes.filter(function (n) { return n.kind === "contact" || linked[n.id]; });
      chart.setOption({
        animationDurationUpdate: 300,
        textStyle: { fontFamily: fontFamily() },
        tooltip: { trigger: "item", confine: true, formatter: tooltip, enterable: false },
        series: [{
          id: "people",
          type: "graph",
          layout: "force",
          roam: true,
          draggable: true,
          scaleLimit: { min: 0.15, max: 6 },
          data: nodes.map(function (n) { return nodeView(n, allLabels); }),
          links: edges.map(function (e) { return edgeView(e, big); }),
          // Distances shrink with the canvas and the pull to the middle grows, so the graph
          // fits a phone's screen as it fits a desktop's.
          force: {
            initLayout: "circular",
            repulsion: (big ? 70 : small ? 300 : 200) * fit,
            gravity: (big ? 0.18 : 0.1) / fit,
            edgeLength: (big ? [25, 70] : small ? [70, 140] : [50, 120]).map(function (d) { return d * fit; }),
            friction: 0.2,
            layoutAnimation: true,
          },
          label: {
            show: zoomedIn, position: "right", fontSize: 12, color: "#1c2433", distance: 4,
            textBorderColor: "#fcfcfd", textBorderWidth: 3,
          },
          labelLayout: { hideOverlap: true },
          emphasis: { focus: "adjacency", label: { show: true }, lineStyle: { opacity: 1 } },
          blur: { itemStyle: { opacity: 0.15 }, lineStyle: { opacity: 0.06 }, label: { show: false } },
          edgeSymbolSize: [0, 8],
        }],
      });
    }

    render();
    filters.addEventListener("change", function (event) {
      if (event.target && event.target.matches('input[type="checkbox"]')) { render(); }
    });
    filters.addEventListener("submit", function (event) { event.preventDefault(); });
    var find = filters.querySelector(".rel-find");
    var found = null;
    find.addEventListener("change", function () {
      if (found) { chart.dispatchAction({ type: "downplay", seriesId: "people", name: found }); }
      found = byName[find.value] ? find.value : null;
      if (found) {
        chart.dispatchAction({ type: "highlight", seriesId: "people", name: found });
        chart.dispatchAction({ type: "showTip", seriesId: "people", name: found });
      }
    });
    filters.querySelector("[data-map-reset]").addEventListener("click", function () {
      zoomedIn = false;
      chart.setOption({ series: [{ id: "people", zoom: 1, center: null, label: { show: false } }] });
      find.value = "";
      if (found) { chart.dispatchAction({ type: "downplay", seriesId: "people", name: found }); found = null; }
    });
    chart.on("graphroam", function () {
      var series = chart.getModel().getSeriesByIndex(0);
      var view = series && series.coordinateSystem;
      var zoom = (view && view.zoom) || (series && series.get("zoom")) || 1;
      if ((zoom >= NAME_ALL_AT_ZOOM) !== zoomedIn) {
        zoomedIn = !zoomedIn;
        chart.setOption({ series: [{ id: "people", label: { show: zoomedIn } }] });
      }
    });
    chart.on("click", function (p) {
      if (p.dataType === "node" && p.data.node && p.data.node.url) {
        window.location.assign(p.data.node.url);
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    el.dataset.ready = "1";
  }

  // --- the org chart -----------------------------------------------------------------------

  function problemText(body, fallback) {
    if (body && body.errors && body.errors.length) {
      return body.errors.map(function (e) { return e.message; }).join(" ");
    }
    return (body && body.detail) || fallback;
  }

  function initOrgChart(root) {
    var status = document.getElementById("org-status");
    var dragged = null;
    var marked = null;
    var folded = {};  // the reader's own expand/collapse choices, kept across reloads

    function applyFolds() {
      root.querySelectorAll("li[data-node]").forEach(function (li) {
        var id = li.dataset.node;
        if (Object.prototype.hasOwnProperty.call(folded, id)) {
          if (folded[id]) { li.dataset.collapsed = "1"; } else { delete li.dataset.collapsed; }
        }
        var toggle = li.querySelector(":scope > .oc-card > .oc-toggle");
        if (toggle) { toggle.setAttribute("aria-expanded", li.dataset.collapsed === "1" ? "false" : "true"); }
      });
    }

    root.classList.add("oc-js");
    applyFolds();
    root.addEventListener("click", function (event) {
      var toggle = event.target.closest && event.target.closest("[data-toggle]");
      if (!toggle) { return; }
      var li = toggle.closest("li[data-node]");
      folded[li.dataset.node] = li.dataset.collapsed !== "1";
      applyFolds();
    });
    document.querySelectorAll("[data-expand]").forEach(function (button) {
      button.addEventListener("click", function () {
        root.querySelectorAll("li[data-node]").forEach(function (li) {
          if (li.querySelector(":scope > ul")) { folded[li.dataset.node] = button.dataset.expand === "none"; }
        });
        applyFolds();
      });
    });

    function say(kind, text) {
      status.className = "rel-status alert " + kind;
      status.textContent = text;
      status.setAttribute("role", kind === "error" ? "alert" : "status");
    }

    function reload() {
      return fetch(root.dataset.url, {
        credentials: "same-origin",
        headers: { "HX-Request": "true", Accept: "text/html" },
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        var tree = document.getElementById("org-tree");
        tree.outerHTML = html;
        applyFolds();
      });
    }

    function target(el) {
      return el && el.closest ? el.closest("[data-contact-id], [data-drop-root]") : null;
    }

    function mark(el) {
      if (marked === el) { return; }
      if (marked) { marked.classList.remove("drop-target"); }
      marked = el;
      if (el) { el.classList.add("drop-target"); }
    }

    function move(contactId, managerId) {
      var tree = document.getElementById("org-tree");
      // The version the chart was drawn with: a person moved or edited since is refused (412).
      var card = tree.querySelector('[data-contact-id="' + contactId + '"]');
      var version = card ? card.dataset.version : "";
      tree.querySelectorAll(".oc-tree, .oc-root-zone").forEach(function (el) { el.classList.add("busy"); });
      return fetch("/api/v1/contacts/" + encodeURIComponent(contactId) + "/reports-to", {
        method: "PUT",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRF-Token": csrfToken(),
          "If-Match": '"v' + version + '"',
        },
        body: JSON.stringify({ manager_id: managerId }),
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          // Refused or not, the tree is drawn again from the server: a refused move reverts.
          return reload().then(function () {
            if (response.ok) {
              say("success", root.dataset.moved);
            } else {
              say("error", problemText(body, root.dataset.failed));
            }
          });
        });
      }).catch(function () {
        say("error", root.dataset.failed);
        return reload();
      });
    }

    root.addEventListener("dragstart", function (event) {
      var card = event.target.closest && event.target.closest("[data-contact-id]");
      if (!card || root.dataset.canWrite !== "1") { return; }
      dragged = card.dataset.contactId;
      event.dataTransfer.setData("text/plain", dragged);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("dragging");
    });
    root.addEventListener("dragend", function (event) {
      var card = event.target.closest && event.target.closest("[data-contact-id]");
      if (card) { card.classList.remove("dragging"); }
      mark(null);
      dragged = null;
    });
    root.addEventListener("dragover", function (event) {
      var el = target(event.target);
      if (!dragged || !el || el.dataset.contactId === dragged) { mark(null); return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      mark(el);
    });
    root.addEventListener("dragleave", function (event) {
      if (marked && !marked.contains(event.relatedTarget)) { mark(null); }
    });
    root.addEventListener("drop", function (event) {
      var el = target(event.target);
      var id = dragged || event.dataTransfer.getData("text/plain");
      mark(null);
      if (!el || !id || el.dataset.contactId === id) { return; }
      event.preventDefault();
      dragged = null;
      move(id, el.hasAttribute("data-drop-root") ? null : Number(el.dataset.contactId));
    });
  }

  function treeSize(node) {
    var kids = node.children || [];
    if (!kids.length) { return { leaves: 1, depth: 1 }; }
    var leaves = 0;
    var depth = 0;
    kids.forEach(function (child) {
      var size = treeSize(child);
      leaves += size.leaves;
      depth = Math.max(depth, size.depth);
    });
    return { leaves: leaves, depth: depth + 1 };
  }

  function plain(text) {
    return String(text || "").replace(/[{}|]/g, "");  // ECharts rich-text markup characters
  }

  function exportTree(node) {
    return {
      name: plain(node.name),
      title: plain(node.title),
      itemStyle: { borderColor: STANCE[node.status] && node.status !== "unknown" ? STANCE[node.status] : "#98a2b3" },
      children: (node.children || []).map(exportTree),
    };
  }

  function exportPng(button) {
    var data = readJson(button.dataset.source);
    if (!data || !data.roots.length || !window.echarts) { return; }
    var roots = data.roots.map(exportTree);
    var top = roots.length === 1 ? roots[0] : { name: plain(data.account), title: "", children: roots };
    var size = treeSize(top);
    var vertical = size.leaves <= 14;
    // Room for every box: the tidy-tree layout puts cousins further apart than siblings.
    var width = vertical ? Math.max(720, size.leaves * 200 + 120) : Math.max(900, size.depth * 230 + 200);
    var height = vertical ? Math.max(420, size.depth * 110 + 140) : Math.max(480, size.leaves * 46 + 140);
    var ratio = Math.max(width, height) > 8000 ? 1 : 2;
    var stage = document.createElement("div");
    stage.className = "rel-export-stage";
    stage.style.width = width + "px";
    stage.style.height = height + "px";
    document.body.appendChild(stage);
    var chart = window.echarts.init(stage, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: fontFamily() },
      title: { text: data.account + " · " + button.dataset.title, left: 24, top: 16, textStyle: { fontSize: 16 } },
      series: [{
        type: "tree",
        data: [top],
        orient: vertical ? "TB" : "LR",
        top: vertical ? 90 : 70, bottom: vertical ? 50 : 30, left: vertical ? 90 : 60, right: vertical ? 90 : 220,
        expandAndCollapse: false,
        initialTreeDepth: -1,
        edgeShape: vertical ? "polyline" : "curve",
        symbol: "roundRect",
        symbolSize: vertical ? [126, 44] : [8, 8],
        itemStyle: { color: "#ffffff", borderWidth: 1.5 },
        lineStyle: { color: "#c4cad6", width: 1.2 },
        label: {
          position: vertical ? "inside" : "right",
          formatter: function (p) {
            return "{n|" + p.data.name + "}" + (p.data.title ? (vertical ? "\n" : "  ") + "{t|" + p.data.title + "}" : "");
          },
          rich: { n: { fontSize: 13, fontWeight: 600, color: "#1c2433", lineHeight: 18 }, t: { fontSize: 11, color: "#667085", lineHeight: 16 } },
          width: vertical ? 118 : undefined,
          overflow: "truncate",
        },
      }],
    });
    var url = chart.getDataURL({ type: "png", pixelRatio: ratio, backgroundColor: "#ffffff" });
    chart.dispose();
    stage.remove();
    var link = document.createElement("a");
    link.href = url;
    link.download = button.dataset.file;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var map = document.getElementById("rel-map");
    if (map) { initMap(map); }
    var org = document.getElementById("org-chart");
    if (org) { initOrgChart(org); }
    var exporter = document.getElementById("org-export");
    if (exporter) { exporter.addEventListener("click", function () { exportPng(exporter); }); }
  });
})();
