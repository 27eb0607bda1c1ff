// Date fields and file pickers in the page's language. Loaded deferred; no inline scripts (CSP).
//
// Chromium draws <input type=date> and <input type=datetime-local> in the *browser's* language
// and order (mm/dd/yyyy in an English browser), whatever <html lang> says, so a Chinese page
// showed English dates and the other way round. Each such field becomes a text field holding
// the ISO value the server reads (2026-12-07, or 2026-12-07 09:30), with a calendar drawn here
// whose month and weekday names come from Intl in the page's language. The words around it
// (button labels, placeholders) are translated on the server into <meta name="form-words" data-*>.
(function () {
  "use strict";

  var root = document.documentElement;
  var lang = root.lang || "zh-CN";
  var words = (document.querySelector('meta[name="form-words"]') || root).dataset;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || "");
    if (!m) { return null; }
    var d = new Date(+m[1], +m[2] - 1, +m[3]);
    return d.getMonth() === +m[2] - 1 ? d : null;
  }
  function timeOf(text) {
    var m = /[T ](\d{2}:\d{2})/.exec(text || "");
    return m ? m[1] : "09:00";
  }
  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (text) { el.textContent = text; }
    return el;
  }
  function button(className, label, text) {
    var b = make("button", className, text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    return b;
  }

  var monthTitle = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long" });
  var dayName = new Intl.DateTimeFormat(lang, { weekday: lang.indexOf("zh") === 0 ? "narrow" : "short" });
  var longDay = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" });
  var open = null; // the calendar showing, if any

  function close() {
    if (open) { open.remove(); open = null; }
  }

  function set(input, day, withTime) {
    input.value = day ? (withTime ? iso(day) + " " + timeOf(input.value) : iso(day)) : "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function draw(popup, input, month, withTime) {
    popup.textContent = "";
    var chosen = parse(input.value);
    var today = new Date();
    var head = make("div", "date-head");
    var prev = button("date-nav", words.previousMonth, "‹");
    var next = button("date-nav", words.nextMonth, "›");
    var title = make("strong", "date-title", monthTitle.format(month));
    title.setAttribute("aria-live", "polite");
    prev.addEventListener("click", function () {
      draw(popup, input, new Date(month.getFullYear(), month.getMonth() - 1, 1), withTime);
    });
    next.addEventListener("click", function () {
      draw(popup, input, new Date(month.getFullYear(), month.getMonth() + 1, 1), withTime);
    });
    head.append(prev, title, next);
    var grid = make("div", "date-grid");
    grid.setAttribute("role", "grid");
    for (var w = 0; w < 7; w++) { // weeks start on Monday (2024-01-01 was a Monday)
      grid.append(make("span", "date-weekday", dayName.format(new Date(2024, 0, 1 + w))));
    }
    var first = new Date(month.getFullYear(), month.getMonth(), 1);
    var start = new Date(first);
    start.setDate(1 - ((first.getDay() + 6) % 7));
    for (var i = 0; i < 42; i++) {
      var day = new Date(start.getFullYear(), start.getMonth(), start.getDate() + i);
      if (i === 35 && day.getMonth() !== month.getMonth()) { break; }
      var cell = button("date-day", longDay.format(day), String(day.getDate()));
      if (day.getMonth() !== month.getMonth()) { cell.classList.add("other"); }
      if (iso(day) === iso(today)) { cell.classList.add("today"); }
      if (chosen && iso(day) === iso(chosen)) { cell.setAttribute("aria-pressed", "true"); }
      cell.dataset.day = iso(day);
      grid.append(cell);
    }
    grid.addEventListener("click", function (event) {
      var target = event.target.closest("[data-day]");
      if (!target) { return; }
      set(input, parse(target.dataset.day), withTime);
      close();
      input.focus();
    });
    var foot = make("div", "date-foot");
    var todayButton = button("btn small", words.today, words.today);
    todayButton.addEventListener("click", function () { set(input, new Date(), withTime); close(); });
    var clear = button("btn small", words.clear, words.clear);
    clear.addEventListener("click", function () { set(input, null, withTime); close(); });
    foot.append(todayButton, clear);
    popup.append(head, grid, foot);
  }

  function show(wrap, input, withTime) {
    if (open && open.parentNode === wrap) { close(); return; }
    close();
    var popup = make("div", "date-popup");
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", words.chooseDate);
    popup.dataset.testid = "date-popup";
    var chosen = parse(input.value) || new Date();
    draw(popup, input, new Date(chosen.getFullYear(), chosen.getMonth(), 1), withTime);
    wrap.append(popup);
    open = popup;
    var right = popup.getBoundingClientRect().right;
    if (right > window.innerWidth - 8) {
      popup.style.left = Math.min(0, window.innerWidth - 8 - right) + "px";
    }
  }

  function enhanceDate(input) {
    var withTime = input.type === "datetime-local";
    input.type = "text";
    input.value = input.value.replace("T", " ").slice(0, withTime ? 16 : 10);
    input.inputMode = "numeric";
    input.autocomplete = "off";
    input.maxLength = withTime ? 16 : 10;
    input.placeholder = withTime ? words.datetimePlaceholder : words.datePlaceholder;
    input.classList.add("date-input");
    var wrap = make("span", "date-field");
    input.parentNode.insertBefore(wrap, input);
    wrap.append(input);
    var opener = button("date-open", words.chooseDate, "");
    opener.innerHTML = '<svg class="icon" aria-hidden="true"><use href="/static/img/icons.svg#calendar"></use></svg>';
    opener.addEventListener("click", function (event) {
      event.preventDefault(); // inside a <label>: don't also focus the field
      show(wrap, input, withTime);
    });
    wrap.append(opener);
  }

  // <label class="file-input"> from the file_input macro: say which file was chosen.
  function enhanceFile(input) {
    var name = input.closest(".file-input").querySelector("[data-file-name]");
    input.addEventListener("change", function () {
      var files = Array.prototype.map.call(input.files, function (f) { return f.name; });
      name.textContent = files.length ? files.join(", ") : name.dataset.empty;
      name.classList.toggle("muted", !files.length);
    });
  }

  function enhance(scope) {
    scope.querySelectorAll('input[type="date"], input[type="datetime-local"]').forEach(enhanceDate);
    scope.querySelectorAll(".file-input input[type=file]:not([data-enhanced])").forEach(function (input) {
      input.dataset.enhanced = "1";
      enhanceFile(input);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) { close(); }
  });
  document.addEventListener("click", function (event) {
    if (open && !open.parentNode.contains(event.target)) { close(); }
  });
})();
