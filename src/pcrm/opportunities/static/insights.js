// The analytical views of the project-history line: the tender rhythm's month and outlook charts
// and the competitor record's quote chart (ECharts; a competitor quoting under us is red). No inline scripts (CSP): data comes from
// <script type="application/json"> blocks, every text already translated by the server.
(function () {
  "use strict";

  var BLUE = "#2e5bff";
  var VIOLET = "#7a5af8";
  var GREEN = "#12b76a";
  var GREY = "#c4cad6";
  var RED = "#f04438";

  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function fontFamily() {
    return window.getComputedStyle(document.body).fontFamily;
  }

  function chartIn(id) {
    var el = document.getElementById(id);
    if (!el || typeof window.echarts === "undefined") { return null; }
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function base() {
    return {
      textStyle: { fontFamily: fontFamily() },
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    };
  }

  function rhythmMonths(data) {
    var chart = chartIn("rhythm-months-chart");
    if (!chart) { return; }
    var colors = [BLUE, VIOLET];
    var option = base();
    option.legend = { top: 0, data: data.series.map(function (s) { return s.name; }) };
    option.xAxis = { type: "category", data: data.months };
    option.yAxis = { type: "value", name: data.texts.share, nameTextStyle: { align: "left" }, axisLabel: { formatter: "{value}%" } };
    option.tooltip.formatter = function (items) {
      var lines = [items[0].axisValueLabel];
      items.forEach(function (item) {
        var series = data.series[item.seriesIndex];
        lines.push(item.marker + series.name + ": " + series.shares[item.dataIndex] + "% (" +
          data.texts.tenders + " " + series.counts[item.dataIndex] + ")");
      });
      return lines.join("<br>");
    };
    option.series = data.series.map(function (s, i) {
      return { name: s.name, type: "bar", data: s.shares, itemStyle: { color: colors[i % colors.length] }, barMaxWidth: 18 };
    });
    chart.setOption(option);
  }

  function rhythmOutlook(data) {
    var chart = chartIn("rhythm-outlook-chart");
    if (!chart) { return; }
    var outlook = data.outlook;
    var option = base();
    option.xAxis = { type: "category", data: outlook.labels, axisLabel: { interval: 0, rotate: outlook.labels.length > 0 && outlook.labels[0].length > 6 ? 30 : 0 } };
    option.grid.bottom = 48;
    option.yAxis = { type: "value", name: data.texts.expected, nameTextStyle: { align: "left" }, minInterval: 0.5 };
    option.tooltip.formatter = function (items) {
      var i = items[0].dataIndex;
      return items[0].axisValueLabel + "<br>" + items[0].marker + data.texts.expected + ": " +
        outlook.expected[i] + (outlook.likely[i] ? " · " + data.texts.likely : "");
    };
    option.series = [{
      name: data.texts.expected,
      type: "bar",
      barMaxWidth: 26,
      data: outlook.expected.map(function (value, i) {
        return { value: value, itemStyle: { color: outlook.likely[i] ? GREEN : GREY } };
      }),
      markLine: {
        silent: true,
        symbol: "none",
        lineStyle: { color: GREEN, type: "dashed" },
        label: { formatter: data.texts.likely + " ≥ " + outlook.threshold, position: "insideEndTop" },
        data: [{ yAxis: outlook.threshold }],
      },
    }];
    chart.setOption(option);
  }

  function escapeText(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function competitorQuotes(data) {
    var chart = chartIn("competitor-quotes-chart");
    if (!chart) { return; }
    var option = base();
    // Names under the bars while they fit; beyond a dozen the months (as many as fit without
    // overlapping), and the tooltip names each bar.
    var named = data.labels.length <= 12;
    option.grid.bottom = 60;
    option.xAxis = {
      type: "category",
      data: named ? data.labels : data.dates,
      axisTick: { show: named },
      axisLabel: named
        ? { interval: 0, rotate: data.labels.length > 4 ? 25 : 0, width: 120, overflow: "truncate" }
        : { interval: "auto", rotate: 30, hideOverlap: true },
    };
    option.yAxis = { type: "value", name: data.texts.ratio, nameTextStyle: { align: "left" }, axisLabel: { formatter: "{value}%" }, scale: true };
    option.tooltip.formatter = function (items) {
      var i = items[0].dataIndex;
      return escapeText(data.labels[i]) + (data.dates[i] ? " · " + escapeText(data.dates[i]) : "") +
        "<br>" + items[0].marker + data.texts.ratio + ": " + items[0].value + "%";
    };
    option.series = [{
      name: data.texts.ratio,
      type: "bar",
      barMaxWidth: 28,
      data: data.ratios.map(function (value) {
        return { value: value, itemStyle: { color: value < 100 ? RED : value > 100 ? GREEN : GREY } };
      }),
      markLine: {
        silent: true,
        symbol: "none",
        lineStyle: { color: "#667085", type: "dashed" },
        label: { formatter: data.texts.parity, position: "insideEndTop" },
        data: [{ yAxis: 100 }],
      },
    }];
    chart.setOption(option);
  }

  // A select inside a form marked data-autosubmit sends the form when it changes.
  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function start() {
    var rhythm = readJson("rhythm-chart-data");
    if (rhythm) {
      rhythmMonths(rhythm);
      rhythmOutlook(rhythm);
    }
    var quotes = readJson("competitor-chart-data");
    if (quotes) { competitorQuotes(quotes); }
    autosubmit();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
