// The bid workspace and the decision chain of an opportunity. No inline scripts (CSP): Alpine
// components registered here (tenderForm, priceTrial, chainRow), data from
// <script type="application/json"> blocks and data-* attributes, texts already translated.
(function () {
  "use strict";

  function number(text) {
    var value = parseFloat(String(text == null ? "" : text).replace(/[,，\s]/g, ""));
    return isNaN(value) ? 0 : value;
  }

  function shown(value) {
    return String(Math.round(value * 100) / 100);
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

  document.addEventListener("alpine:init", function () {
    var Alpine = window.Alpine;

    // The tender form: the price rule's fields follow the evaluation method and the rule; the
    // scoring sheet's rows are added and removed here and the weights summed as they are typed.
    Alpine.data("tenderForm", function () {
      var root = null;
      var added = 0;
      return {
        weighted: true,
        lowest: false,
        average: false,
        total: "0",
        off: false,
        init: function () {
          root = this.$el;
          this.weighted = root.dataset.evaluation !== "lowest_price";
          this.lowest = !this.weighted;
          this.average = root.dataset.formula === "average_deviation";
          this.recount();
        },
        changed: function (event) {
          var target = event.target;
          if (target.name === "evaluation_method") {
            this.weighted = target.value !== "lowest_price";
            this.lowest = !this.weighted;
          } else if (target.name === "price_formula") {
            this.average = target.value === "average_deviation";
          }
          this.recount();
        },
        clicked: function (event) {
          var button = event.target.closest && event.target.closest("[data-sheet]");
          if (!button || !root.contains(button)) { return; }
          var action = button.dataset.sheet;
          var item = button.closest("tbody.sheet-item");
          if (action === "add-item") {
            var template = root.querySelector('template[data-sheet-template="item"]');
            var body = template.content.firstElementChild.cloneNode(true);
            added += 1;
            var key = "new" + added + "-" + Date.now().toString(36);
            body.dataset.key = key;
            body.querySelector('input[name="item_key"]').value = key;
            body.querySelector('input[name="price_key"]').value = key;
            var table = root.querySelector("table.bid-editor");
            table.insertBefore(body, table.tFoot);
            body.querySelector('input[name="item_name"]').focus();
          } else if (action === "add-sub" && item) {
            var subTemplate = root.querySelector('template[data-sheet-template="sub"]');
            var row = subTemplate.content.firstElementChild.cloneNode(true);
            row.querySelector('input[name="sub_parent"]').value = item.dataset.key;
            item.insertBefore(row, item.querySelector("tr.sub-sum-row"));
            row.querySelector('input[name="sub_name"]').focus();
          } else if (action === "remove-item" && item) {
            item.remove();
          } else if (action === "remove-sub") {
            button.closest("tr").remove();
          }
          this.recount();
        },
        recount: function () {
          if (!root) { return; }
          var sum = 0;
          root.querySelectorAll('input[name="item_weight"]').forEach(function (input) {
            if (!input.closest("template")) { sum += number(input.value); }
          });
          this.total = shown(sum);
          this.off = Math.abs(sum - 100) > 0.001;
          var text = root.dataset.subSumText || "";
          root.querySelectorAll("tbody.sheet-item").forEach(function (body) {
            var label = body.querySelector("[data-sub-sum]");
            var subs = body.querySelectorAll('input[name="sub_weight"]');
            if (!label) { return; }
            if (!subs.length) {
              label.textContent = "";
              label.classList.remove("bad");
              return;
            }
            var weight = number(body.querySelector('input[name="item_weight"]').value);
            var parts = 0;
            subs.forEach(function (input) { parts += number(input.value); });
            label.textContent = text.replace("{sum}", shown(parts)).replace("{weight}", shown(weight));
            label.classList.toggle("bad", Math.abs(parts - weight) > 0.001);
          });
        },
      };
    });

    // "If we quote ¥X": what is typed there is also our quote in the round form below.
    Alpine.data("priceTrial", function () {
      var root = null;
      return {
        init: function () { root = this.$el; },
        copy: function (event) {
          var ours = root.querySelector("[data-our-quote]");
          if (ours) { ours.value = event.target.value.trim(); }
        },
      };
    });

    // A decision-chain row that turns into its edit form, and the add form: the favoured
    // competitor is asked for (and sent) only with the stance "favours a competitor".
    Alpine.data("chainRow", function () {
      return {
        editing: false,
        viewing: true,
        favouring: false,
        notFavouring: true,
        init: function () {
          this.editing = this.$el.dataset.editing === "1";
          this.viewing = !this.editing;
          this.setStance(this.$el.dataset.stance);
        },
        setStance: function (value) {
          this.favouring = value === "favours_competitor";
          this.notFavouring = !this.favouring;
        },
        stanceChanged: function (event) { this.setStance(event.target.value); },
        edit: function () { this.editing = true; this.viewing = false; },
        cancel: function () { this.editing = false; this.viewing = true; },
      };
    });
  });

  // --- the decision chain chart -------------------------------------------------------------

  var STANCE = { favours_us: "#12b76a", neutral: "#98a2b3", favours_competitor: "#f04438", unknown: "#d0d5dd" };
  var USER = "#2e5bff";
  var COMPETITOR = "#7a5af8";
  var EDGES = {
    reports_to: { color: "#98a2b3", type: "solid", width: 1.2, curveness: 0 },
    dotted_line: { color: "#98a2b3", type: "dashed", width: 1.2, curveness: 0.1 },
    influence: { color: "#f79009", type: "solid", width: 1.4, curveness: 0.18 },
    acquaintance: { color: "#2e5bff", type: "solid", width: 1.2, curveness: 0.05 },
    competitor_tie: { color: "#7a5af8", type: "dashed", width: 1.2, curveness: 0.05 },
  };

  function plain(text) {
    return String(text || "").replace(/[{}|]/g, "");  // ECharts rich-text markup characters
  }

  function nodeView(n) {
    var view = { id: n.id, name: n.name, node: n, itemStyle: {}, label: { show: true } };
    if (n.kind === "user") {
      view.symbol = "roundRect";
      view.symbolSize = 22;
      view.itemStyle = { color: USER, borderColor: "#ffffff", borderWidth: 1 };
      view.label = { show: true, color: USER, fontWeight: 600 };
    } else if (n.kind === "competitor") {
      view.symbol = "triangle";
      view.symbolSize = 24;
      view.itemStyle = { color: COMPETITOR, borderColor: "#ffffff", borderWidth: 1 };
      view.label = { show: true, color: COMPETITOR, fontWeight: 600 };
    } else {
      view.symbol = "circle";
      view.symbolSize = n.member ? 30 : 14;
      view.itemStyle = {
        color: STANCE[n.stance] || "#ffffff",
        borderColor: n.stance === "unknown" || !n.member ? "#667085" : "#ffffff",
        borderWidth: 1.5,
      };
      view.label = {
        show: true,
        formatter: n.role ? "{n|" + plain(n.name) + "}\n{r|" + plain(n.role) + "}" : plain(n.name),
        rich: {
          n: { fontSize: 12, fontWeight: 600, color: "#1c2433", lineHeight: 16 },
          r: { fontSize: 11, color: "#475467", lineHeight: 15 },
        },
      };
    }
    return view;
  }

  function edgeView(e) {
    var style = EDGES[e.kind] || EDGES.reports_to;
    var width = e.strength ? 0.6 + e.strength * 0.6 : style.width;
    return {
      source: e.source,
      target: e.target,
      edge: e,
      symbol: e.kind === "influence" || e.kind === "reports_to" ? ["none", "arrow"] : ["none", "none"],
      symbolSize: 7,
      lineStyle: { color: style.color, type: style.type, width: width, curveness: style.curveness, opacity: 0.85 },
    };
  }

  function initChain(el) {
    var source = readJson(el.dataset.source);
    if (!source || !window.echarts) { return; }
    var texts = source.texts;
    var names = {};
    source.nodes.forEach(function (n) { names[n.id] = n.name; });
    // The layered layout computed on the server (chain/layout.py): fractions of the drawing box,
    // so every person is on the canvas; the canvas grows with the rows instead of crowding them.
    var narrow = el.clientWidth < 640;
    var layout = narrow ? source.layout.narrow : source.layout.wide;
    var rowHeight = narrow ? 100 : 96;
    el.style.height = Math.max(narrow ? 300 : 360, 64 + layout.rows * rowHeight) + "px";
    var chart = window.echarts.init(el, null, { renderer: "canvas" });

    function tooltip(p) {
      if (p.dataType === "node" && !p.data.node) { return ""; }
      if (p.dataType === "node") {
        var n = p.data.node;
        var lines = ["<strong>" + escapeHtml(n.name) + "</strong>"];
        if (n.detail) { lines.push(escapeHtml(n.detail)); }
        lines.push('<span style="color:#667085">' + escapeHtml(texts.node_kinds[n.kind] || "") + "</span>");
        if (n.role) { lines.push(escapeHtml(texts.decision_role) + ": " + escapeHtml(n.role)); }
        if (n.stance_label) { lines.push(escapeHtml(texts.stance) + ": " + escapeHtml(n.stance_label)); }
        if (n.favours) { lines.push(escapeHtml(texts.favours) + ": " + escapeHtml(n.favours)); }
        lines.push('<span style="color:#667085">' + escapeHtml(texts.open) + "</span>");
        return lines.join("<br>");
      }
      if (p.dataType === "edge") {
        var e = p.data.edge;
        return "<strong>" + escapeHtml(texts.edge_kinds[e.kind] || e.kind) + "</strong><br>" +
          escapeHtml(names[e.source]) + " → " + escapeHtml(names[e.target]);
      }
      return "";
    }

    // Two invisible corners pin the drawing box, so a chain of one person is not blown up to
    // fill it and the fractions keep their meaning.
    // Labels right of a node on a desktop, under it on a phone (two to a row there).
    var margin = narrow ? { left: 56, right: 56, top: 24, bottom: 44 } : { left: 40, right: 130, top: 28, bottom: 36 };
    var boxWidth = Math.max(el.clientWidth - margin.left - margin.right, 1);
    var boxHeight = Math.max(el.clientHeight - margin.top - margin.bottom, 1);
    var WIDTH = 1000;
    var HEIGHT = WIDTH * boxHeight / boxWidth;
    var frame = [[0, 0], [WIDTH, HEIGHT]].map(function (xy, i) {
      return { id: "__frame" + i, name: "", x: xy[0], y: xy[1], symbolSize: 0, label: { show: false },
        tooltip: { show: false }, silent: true, itemStyle: { opacity: 0 }, node: null };
    });

    chart.setOption({
      textStyle: { fontFamily: window.getComputedStyle(document.body).fontFamily },
      tooltip: { trigger: "item", confine: true, formatter: tooltip },
      series: [{
        id: "chain",
        type: "graph",
        layout: "none",
        roam: true,
        draggable: true,
        scaleLimit: { min: 0.5, max: 4 },
        // Margins that keep labels (right of a node, name and role) on the canvas.
        left: margin.left,
        right: margin.right,
        top: margin.top,
        bottom: margin.bottom,
        data: frame.concat(source.nodes.map(function (n) {
          var view = nodeView(n);
          var at = layout.positions[n.id] || [0.5, 0.5];
          view.x = at[0] * WIDTH;
          view.y = at[1] * HEIGHT;
          return view;
        })),
        links: source.edges.map(edgeView),
        label: { position: narrow ? "bottom" : "right", distance: 6, align: narrow ? "center" : "left",
          textBorderColor: "#fcfcfd", textBorderWidth: 3 },
        labelLayout: { hideOverlap: false },
        emphasis: { focus: "adjacency", lineStyle: { opacity: 1 } },
        blur: { itemStyle: { opacity: 0.2 }, lineStyle: { opacity: 0.08 } },
      }],
    });
    chart.on("click", function (p) {
      if (p.dataType === "node" && p.data.node && p.data.node.url) {
        window.location.assign(p.data.node.url);
      }
    });
    // The canvas follows its box (a scrollbar appearing, the sidebar folding), not only the window.
    if (window.ResizeObserver) {
      new window.ResizeObserver(function () { chart.resize(); }).observe(el);
    } else {
      window.addEventListener("resize", function () { chart.resize(); });
    }
    el.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var chain = document.getElementById("chain-chart");
    if (chain) { initChain(chain); }
  });
})();
