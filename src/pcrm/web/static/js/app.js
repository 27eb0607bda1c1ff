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

  // Confirmations without inline handlers: <form data-confirm="...">
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

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
        close: function () { this.open = false; },
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
