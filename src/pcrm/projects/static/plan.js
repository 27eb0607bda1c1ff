// The plan tab's Gantt (frappe-gantt): draws the server's plan (phases, tasks, milestones,
// links, buffers, the critical path and the approved baseline under each bar) and sends a
// dragged bar's dates or progress to the same API as the form. A refused change is shown with
// the server's message and the chart is drawn again from the server, so the bar goes back.
(function () {
  "use strict";

  var DAY = 86400000;
  var PHASES = ["needs", "planning", "execution", "closure"];

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function iso(d) {
    var m = String(d.getMonth() + 1).padStart(2, "0");
    var day = String(d.getDate()).padStart(2, "0");
    return d.getFullYear() + "-" + m + "-" + day;
  }

  function parse(text) {
    var p = text.split("-");
    return new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]));
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function problemText(body, fallback) {
    if (body && Array.isArray(body.errors) && body.errors.length) {
      return body.errors.map(function (e) { return e.message; }).join(" ");
    }
    return (body && body.detail) || fallback;
  }

  function init(root) {
    var labels = JSON.parse(root.dataset.labels);
    var phaseNames = JSON.parse(root.dataset.phases);
    var canWrite = root.dataset.canWrite === "true";
    var chartEl = root.querySelector("[data-gantt-chart]");
    var statusEl = root.querySelector("[data-gantt-status]");
    var view = root.dataset.view || "Week";
    var gantt = null;
    var data = null;
    var byId = {};

    function say(kind, text) {
      statusEl.textContent = text;
      statusEl.className = "alert " + (kind === "error" ? "error" : "success");
      statusEl.setAttribute("role", kind === "error" ? "alert" : "status");
      statusEl.hidden = false;
    }

    function rows() {
      var out = [];
      var byPhase = {};
      data.tasks.forEach(function (t) {
        var key = t.phase || "";
        (byPhase[key] = byPhase[key] || []).push(t);
      });
      var preds = {};
      data.links.forEach(function (l) {
        (preds[l.successor_id] = preds[l.successor_id] || []).push(String(l.predecessor_id));
      });
      PHASES.concat([""]).forEach(function (phase) {
        var tasks = byPhase[phase] || [];
        if (phase && tasks.length) {
          var start = tasks.reduce(function (a, t) { return t.start_on < a ? t.start_on : a; }, tasks[0].start_on);
          var end = tasks.reduce(function (a, t) { return t.end_on > a ? t.end_on : a; }, tasks[0].end_on);
          out.push({ id: "phase-" + phase, name: phaseNames[phase], start: start, end: end, progress: 0, custom_class: "gantt-phase" });
        }
        tasks.forEach(function (t) {
          // frappe-gantt takes one class token per bar
          var kind = t.is_milestone ? "gantt-milestone" : t.critical ? "gantt-critical" : "";
          if (t.is_milestone && t.critical) { kind = "gantt-milestone-critical"; }
          out.push({
            id: String(t.id),
            name: (t.is_milestone ? "◆ " : "") + t.name,
            start: t.start_on,
            end: t.end_on,
            progress: t.progress,
            dependencies: (preds[t.id] || []).join(","),
            custom_class: kind
          });
        });
        data.buffers.forEach(function (b) {
          if ((b.phase || "") === phase) {
            out.push({
              id: "buffer-" + b.id,
              name: labels.buffer + " · " + b.days,
              start: b.start_on,
              end: b.end_on,
              progress: 0,
              custom_class: "gantt-buffer"
            });
          }
        });
      });
      return out;
    }

    function pixelsPerDay(chart) {
      var step = chart.config.step || 1;
      var unit = chart.config.unit || "day";
      var days = unit === "month" ? step * 30.44 : unit === "year" ? step * 365.25 : unit === "hour" ? step / 24 : step;
      return chart.config.column_width / days;
    }

    function decorate(chart) {
      var layer = chart.layers && chart.layers.bar;
      if (!layer || !data) { return; }
      var ppd = pixelsPerDay(chart);
      var origin = chart.gantt_start;
      var ns = "http://www.w3.org/2000/svg";
      var group = document.createElementNS(ns, "g");
      group.setAttribute("class", "gantt-baselines");
      function baselineBar(bar, from, to, offset, kind, id) {
        var start = parse(from);
        var end = parse(to);
        var rect = document.createElementNS(ns, "rect");
        rect.setAttribute("x", String((start - origin) / DAY * ppd));
        rect.setAttribute("y", String(bar.$bar.getY() + bar.$bar.getHeight() + offset));
        rect.setAttribute("width", String(Math.max(3, ((end - start) / DAY + 1) * ppd)));
        rect.setAttribute("height", "4");
        rect.setAttribute("class", kind);
        rect.setAttribute("data-baseline-of", String(id));
        group.appendChild(rect);
      }
      data.tasks.forEach(function (t) {
        var bar = chart.get_bar(String(t.id));
        if (!bar) { return; }
        if (t.baseline_start_on) {
          baselineBar(bar, t.baseline_start_on, t.baseline_end_on, 2, "gantt-baseline-bar", t.id);
        }
        // the approved baseline before it (a change request moved the plan), where it differs
        if (t.previous_start_on && (t.previous_start_on !== t.baseline_start_on || t.previous_end_on !== t.baseline_end_on)) {
          baselineBar(bar, t.previous_start_on, t.previous_end_on, 7, "gantt-previous-baseline-bar", t.id);
        }
      });
      layer.insertBefore(group, layer.firstChild);
      var critical = {};
      data.links.forEach(function (l) { if (l.critical) { critical[l.predecessor_id + ">" + l.successor_id] = true; } });
      chart.$svg.querySelectorAll("path.arrow, .arrow path, path[data-from]").forEach(function (path) {
        if (critical[path.getAttribute("data-from") + ">" + path.getAttribute("data-to")]) {
          path.classList.add("gantt-critical-link");
        }
      });
    }

    function popup(ctx) {
      var t = byId[ctx.task.id];
      ctx.set_title(escapeHtml(ctx.task.name));
      if (!t) {
        ctx.set_subtitle("");
        ctx.set_details(escapeHtml(ctx.task.start + " – " + ctx.task.end));
        return;
      }
      ctx.set_subtitle(t.owner_name ? escapeHtml(labels.owner + ": " + t.owner_name) : "");
      var lines = [
        escapeHtml(t.start_on + " – " + t.end_on),
        escapeHtml(labels.progress + ": " + t.progress + "%"),
        escapeHtml(labels.float + ": " + t.float_days) + (t.critical ? " · <strong>" + escapeHtml(labels.critical) + "</strong>" : "")
      ];
      if (t.baseline_start_on) {
        var number = data.baseline ? " v" + data.baseline.number : "";
        lines.push(escapeHtml(labels.baseline + number + ": " + t.baseline_start_on + " – " + t.baseline_end_on));
        if (t.previous_start_on && data.previous_baseline) {
          lines.push(escapeHtml(labels.baseline + " v" + data.previous_baseline.number + ": " + t.previous_start_on + " – " + t.previous_end_on));
        }
        lines.push(escapeHtml(labels.variance + ": " + (t.variance_days > 0 ? "+" : "") + t.variance_days));
      }
      ctx.set_details(lines.join("<br>"));
    }

    // frappe-gantt reports every step of a drag: keep the last dates or progress of each
    // task and send them when the mouse (or finger) is released, one task after the other.
    var pending = {};

    function keep(task, body) {
      pending[task.id] = Object.assign(pending[task.id] || {}, body);
    }

    function patch(id, body) {
      var t = byId[id];
      return fetch("/api/v1/projects/" + root.dataset.project + "/tasks/" + t.id, {
        method: "PATCH",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "If-Match": '"v' + t.version + '"',
          "X-CSRF-Token": csrfToken()
        },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (answer) {
          if (!response.ok) { throw { refused: problemText(answer, labels.failed) }; }
        });
      });
    }

    function flush() {
      var ids = Object.keys(pending);
      if (!ids.length) { return; }
      var changes = pending;
      pending = {};
      var known = ids.filter(function (id) { return byId[id] && canWrite; });
      var chain = Promise.resolve();
      known.forEach(function (id) {
        chain = chain.then(function () { return patch(id, changes[id]); });
      });
      chain.then(function () {
        return load().then(function () { if (known.length) { say("success", labels.saved); } });
      }, function (problem) {
        return load().then(function () {
          say("error", problem && problem.refused ? labels.refused + " " + problem.refused : labels.failed);
        });
      }).catch(function () { say("error", labels.failed); });
    }

    ["mouseup", "touchend"].forEach(function (name) {
      document.addEventListener(name, function () { window.setTimeout(flush, 0); });
    });

    function draw() {
      byId = {};
      data.tasks.forEach(function (t) { byId[String(t.id)] = t; });
      var tasks = rows();
      chartEl.hidden = tasks.length === 0;
      root.querySelector("[data-gantt-empty]").hidden = tasks.length !== 0;
      if (!tasks.length) { return; }
      if (gantt) {
        gantt.refresh(tasks);
        return;
      }
      gantt = new window.Gantt(chartEl, tasks, {
        view_mode: view,
        language: root.dataset.lang,
        readonly: !canWrite,
        bar_height: 22,
        padding: 16,
        today_button: false,
        view_mode_select: false,
        scroll_to: data.tasks.length ? data.tasks[0].start_on : "today",
        popup: popup,
        on_view_change: function () { decorate(this); },
        move_dependencies: false,
        on_date_change: function (task, start, end) {
          var t = byId[task.id];
          keep(task, t && t.is_milestone ? { start_on: iso(start) } : { start_on: iso(start), end_on: iso(end) });
        },
        on_progress_change: function (task, progress) {
          keep(task, { progress: Math.max(0, Math.min(100, Math.round(progress))) });
        }
      });
      decorate(gantt);
    }

    function load() {
      return fetch(root.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (answer) { data = answer; draw(); });
    }

    root.querySelectorAll("[data-view]").forEach(function (button) {
      button.addEventListener("click", function () {
        view = button.getAttribute("data-view");
        root.querySelectorAll("[data-view]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        if (gantt) { gantt.change_view_mode(view); }
      });
    });
    load().catch(function () { say("error", labels.failed); });
  }

  function start() {
    document.querySelectorAll("[data-gantt]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// The task pickers of the plan's forms (templates/plan/_pickers.html): HTMX fills the list
// with the tasks matching the typed text; here the arrows move through it, Enter or a click
// chooses (the hidden input takes the task's id), Escape closes it, and typing again forgets
// the choice, so what is posted is always a task chosen from the list or none.
(function () {
  "use strict";

  function parts(el) {
    var box = el.closest("[data-task-picker]");
    if (!box) { return null; }
    return {
      box: box,
      value: box.querySelector("[data-picker-value]"),
      input: box.querySelector('[role="combobox"]'),
      list: box.querySelector('[role="listbox"]'),
    };
  }

  function options(p) { return Array.prototype.slice.call(p.list.querySelectorAll('[role="option"]')); }

  function close(p) {
    p.list.hidden = true;
    p.input.setAttribute("aria-expanded", "false");
    p.input.removeAttribute("aria-activedescendant");
  }

  function mark(p, option) {
    options(p).forEach(function (o) { o.setAttribute("aria-selected", String(o === option)); });
    if (option) {
      p.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
  }

  function choose(p, option) {
    p.value.value = option.getAttribute("data-id");
    p.input.value = option.getAttribute("data-label");
    close(p);
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var p = parts(event.detail.target);
    if (!p || event.detail.target !== p.list) { return; }
    if (document.activeElement !== p.input) { close(p); return; }
    p.list.hidden = false;
    p.input.setAttribute("aria-expanded", "true");
    mark(p, null);
  });

  document.addEventListener("input", function (event) {
    var p = parts(event.target);
    if (p && event.target === p.input) { p.value.value = ""; }
  });

  document.addEventListener("keydown", function (event) {
    var p = parts(event.target);
    if (!p || event.target !== p.input) { return; }
    var all = options(p);
    var at = all.findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (p.list.hidden || !all.length) { return; }
      event.preventDefault();
      var next = event.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
      mark(p, all[next]);
    } else if (event.key === "Enter") {
      if (!p.list.hidden && at >= 0) {
        event.preventDefault();
        choose(p, all[at]);
      } else if (!p.list.hidden) {
        event.preventDefault();  // Enter in an open list never sends the form by mistake
      }
    } else if (event.key === "Escape" && !p.list.hidden) {
      event.preventDefault();
      close(p);
    }
  });

  document.addEventListener("mousedown", function (event) {
    var option = event.target.closest && event.target.closest('[data-task-picker] [role="option"]');
    if (option) {
      event.preventDefault();  // keep the focus in the field
      choose(parts(option), option);
    }
  });

  document.addEventListener("focusout", function (event) {
    var p = parts(event.target);
    if (p && event.target === p.input) { close(p); }
  });
})();
