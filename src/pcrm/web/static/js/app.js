// PCRM shell behaviour. Loaded before Alpine (both deferred); no inline scripts (CSP).
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // HTMX: send the CSRF token with every request, and swap validation (422) and
  // "changed by someone else" (412) answers so their inline messages show.
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrfToken();
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) {
      window.htmx.config.responseHandling = [
        { code: "204", swap: false },
        { code: "[23]..", swap: true },
        { code: "412", swap: true, error: false },
        { code: "422", swap: true, error: false },
        { code: "[45]..", swap: false, error: true },
      ];
    }
  });

  // Lists filter in place (hx-push-url), so forms that save "the current filters" read the
  // address bar when submitted: <form data-current-query="query"> fills input[name=query].
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var field = form.getAttribute && form.getAttribute("data-current-query");
    if (!field) { return; }
    var params = new URLSearchParams(window.location.search);
    ["page", "notice"].forEach(function (key) { params.delete(key); });
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "") { params.delete(key); }
    });
    form.querySelector('input[name="' + field + '"]').value = params.toString();
  }, true);

  // Confirmations without inline handlers: <form data-confirm="...">
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // A tab bar wider than a phone scrolls sideways: bring the current tab into view.
  function showCurrentTabs() {
    document.querySelectorAll("nav.tabs").forEach(function (nav) {
      var current = nav.querySelector('[aria-current="page"]');
      if (!current || nav.scrollWidth <= nav.clientWidth) { return; }
      var left = current.offsetLeft - nav.offsetLeft;
      if (left < nav.scrollLeft || left + current.offsetWidth > nav.scrollLeft + nav.clientWidth) {
        nav.scrollLeft = Math.max(0, left - 16);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", showCurrentTabs);

  // A list's bulk-action bar shows only while something is chosen.
  function showBulkBars() {
    document.querySelectorAll("[data-bulk-bar]").forEach(function (bar) {
      var form = bar.closest("form");
      bar.hidden = !(form && form.querySelector('input[name="ids"]:checked'));
    });
  }
  document.addEventListener("DOMContentLoaded", showBulkBars);
  document.addEventListener("htmx:afterSettle", showBulkBars);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.type === "checkbox") { showBulkBars(); }
  });
  document.addEventListener("htmx:afterSettle", showCurrentTabs);

  document.addEventListener("alpine:init", function () {
    var Alpine = window.Alpine;
    Alpine.data("shell", function () {
      return {
        navOpen: false,
        toggleNav: function () { this.navOpen = !this.navOpen; },
        closeNav: function () { this.navOpen = false; },
      };
    });
    Alpine.data("dropdown", function () {
      return {
        open: false,
        toggle: function () { this.open = !this.open; },
        show: function () { this.open = true; },
        close: function () { this.open = false; },
      };
    });
    // The header's global search: "/" (outside a field) or Ctrl-K / Cmd-K focuses it from any
    // page; arrow keys move through the hits of the dropdown, Enter opens the chosen one (or
    // the search page when none is chosen), Escape closes it.
    Alpine.data("globalSearch", function () {
      return {
        open: false,
        show: function () { this.open = true; },
        close: function () { this.open = false; this.choose(-1); },
        hits: function () {
          return Array.prototype.slice.call(this.$refs.results.querySelectorAll("a.search-hit"));
        },
        chosen: function () {
          return this.hits().findIndex(function (a) { return a.classList.contains("active"); });
        },
        choose: function (index) {
          var input = this.$refs.input;
          input.removeAttribute("aria-activedescendant");
          this.hits().forEach(function (a, i) {
            a.id = a.id || "search-hit-" + i;
            a.classList.toggle("active", i === index);
            a.setAttribute("aria-selected", i === index ? "true" : "false");
            if (i === index) {
              input.setAttribute("aria-activedescendant", a.id);
              a.scrollIntoView({ block: "nearest" });
            }
          });
        },
        shortcut: function (event) {
          var target = event.target;
          var typing = target && (target.isContentEditable ||
            /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
          var k = (event.key || "").toLowerCase();
          var combo = k === "k" && (event.ctrlKey || event.metaKey) && !event.altKey;
          if (!combo && !(event.key === "/" && !typing && !event.ctrlKey && !event.metaKey)) {
            return;
          }
          event.preventDefault();
          this.$refs.input.focus();
          this.$refs.input.select();
          this.show();
        },
        navigate: function (event) {
          var hits = this.hits();
          var index = this.chosen();
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            if (!hits.length) { return; }
            event.preventDefault();
            this.show();
            var step = event.key === "ArrowDown" ? 1 : -1;
            this.choose(index < 0 ? (step > 0 ? 0 : hits.length - 1)
              : (index + step + hits.length) % hits.length);
          } else if (event.key === "Enter" && index >= 0 && this.open) {
            event.preventDefault();
            window.location.assign(hits[index].getAttribute("href"));
          } else if (event.key === "Escape") {
            this.close();
            this.$refs.input.blur();
          }
        },
      };
    });
    Alpine.data("picker", function () {
      return {
        query: "", results: [], open: false, value: "", kind: "account", searched: false,
        init: function () {
          this.kind = this.$el.dataset.kind || "account";
          this.value = this.$el.dataset.value || "";
          this.query = this.$el.dataset.label || "";
        },
        get empty() { return this.searched && this.results.length === 0; },
        search: function () {
          var self = this;
          var q = this.query.trim();
          if (!q) { this.results = []; this.open = false; this.value = ""; return; }
          fetch("/api/v1/search?limit=8&q=" + encodeURIComponent(q), {
            credentials: "same-origin", headers: { Accept: "application/json" },
          }).then(function (r) { return r.ok ? r.json() : { groups: [] }; })
            .then(function (data) {
              var group = data.groups.find(function (g) { return g.kind === self.kind; });
              self.results = group ? group.hits : [];
              self.searched = true;
              self.open = true;
            });
        },
        choose: function (event) {
          var el = event.currentTarget;
          this.value = el.dataset.id;
          this.query = el.dataset.name;
          this.open = false;
        },
        close: function () { this.open = false; },
      };
    });
    Alpine.data("selectAll", function () {
      return {
        toggle: function (event) {
          var form = document.getElementById(this.$el.dataset.form);
          form.querySelectorAll('input[name="ids"]').forEach(function (box) {
            box.checked = event.target.checked;
          });
        },
      };
    });
    Alpine.data("copyable", function () {
      return {
        copied: false,
        copy: function () {
          var self = this;
          var text = this.$refs.source.textContent.trim();
          if (navigator.clipboard) {
            navigator.clipboard.writeText(text).then(function () { self.copied = true; });
          }
        },
      };
    });
  });
})();
