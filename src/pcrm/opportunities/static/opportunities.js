// The opportunity pages: the pipeline board's drag and drop, its dialog for the move and close
// forms, and the close form's outcome-dependent fields. No inline scripts (CSP): everything
// hangs off data-* attributes; every text shown comes translated from the server.
//
// A card dropped on another column is posted as a stage move. The server answers 204 with an
// HX-Trigger "boardChanged" (the board reloads itself), or with a form for the dialog: the move
// form with the reason it refused (e.g. "why is there no tender?"), or the close form when the
// column means won, lost or abandoned. Cancelling the dialog puts the card back.
(function () {
  "use strict";

  var dragged = null; // the card being dragged
  var pending = null; // {card, parent, next}: a dropped card waiting for the server

  function dialog() { return document.getElementById("board-dialog"); }
  function dialogBody() { return document.getElementById("board-dialog-body"); }

  function column(target) {
    return target && target.closest ? target.closest(".board-column") : null;
  }

  function restore() {
    if (!pending) { return; }
    var p = pending;
    pending = null;
    p.card.classList.remove("pending");
    if (p.next && p.next.parentNode === p.parent) {
      p.parent.insertBefore(p.card, p.next);
    } else {
      p.parent.appendChild(p.card);
    }
  }

  function closeDialog() {
    var d = dialog();
    if (d && d.open) { d.close(); }
  }

  function status(message, kind) {
    var el = document.getElementById("board-status");
    if (!el) { return; }
    el.textContent = message;
    el.className = "alert board-status " + (kind || "success");
    el.hidden = !message;
  }

  function post(card, stage) {
    window.htmx.ajax("POST", "/opportunities/" + card.dataset.id + "/stage", {
      source: card,
      target: "#board-dialog-body",
      swap: "innerHTML",
      values: { stage: stage, version: card.dataset.version, back: window.location.pathname + window.location.search },
    });
  }

  // --- drag and drop -------------------------------------------------------------------------

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".opp-card[draggable=true]") : null;
    if (!card || pending) { return; }
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.id);
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
    document.querySelectorAll(".board-column.drop-target").forEach(function (el) {
      el.classList.remove("drop-target");
    });
  });

  document.addEventListener("dragover", function (event) {
    var col = column(event.target);
    if (!col || !dragged) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    document.querySelectorAll(".board-column.drop-target").forEach(function (el) {
      if (el !== col) { el.classList.remove("drop-target"); }
    });
    col.classList.add("drop-target");
  });

  document.addEventListener("drop", function (event) {
    var col = column(event.target);
    if (!col || !dragged) { return; }
    event.preventDefault();
    col.classList.remove("drop-target");
    var card = dragged;
    dragged = null;
    card.classList.remove("dragging");
    if (col.dataset.stage === card.dataset.stage) { return; }
    pending = { card: card, parent: card.parentNode, next: card.nextSibling };
    var cards = col.querySelector(".board-cards");
    var details = col.querySelector("details");
    if (details) { details.open = true; }
    cards.insertBefore(card, cards.firstChild);
    card.classList.add("pending");
    status("", "");
    post(card, col.dataset.stage);
  });

  // --- the dialog ----------------------------------------------------------------------------

  document.addEventListener("htmx:afterSwap", function (event) {
    var body = dialogBody();
    if (body && event.detail.target === body) {
      if (body.children.length) {
        var d = dialog();
        if (!d.open) { d.showModal(); }
        var first = body.querySelector("[aria-invalid=true], .invalid input, .invalid select, .invalid textarea")
          || body.querySelector("[autofocus], textarea, select, input:not([type=hidden])");
        if (first) { first.focus(); }
      }
    }
    syncCloseForms(event.detail.target);
  });

  document.addEventListener("boardChanged", function (event) {
    pending = null; // the board reloads with the card where the server put it
    closeDialog();
    var body = dialogBody();
    if (body) { body.innerHTML = ""; }
    var message = event.detail && event.detail.message;
    if (message) { status(message, "success"); }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var board = document.getElementById("board");
    if (!board || !pending) { return; }
    restore();
    closeDialog();
    status(board.dataset.refused || "", "error");
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-dialog-close]") : null;
    if (button) { closeDialog(); }
  });

  document.addEventListener("close", function (event) {
    if (event.target === dialog()) {
      restore();
      var body = dialogBody();
      if (body) { body.innerHTML = ""; }
    }
  }, true);

  // --- the close form: show the fields of the chosen outcome -------------------------------

  function syncCloseForms(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var forms = scope.matches && scope.matches("[data-close-form]")
      ? [scope] : Array.from(scope.querySelectorAll("[data-close-form]"));
    forms.forEach(function (form) {
      var chosen = form.querySelector("input[name=outcome]:checked");
      var outcome = chosen ? chosen.value : "";
      form.querySelectorAll("[data-when]").forEach(function (el) {
        el.hidden = el.dataset.when !== outcome;
      });
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "outcome") {
      syncCloseForms(event.target.closest("[data-close-form]"));
    }
  });

  document.addEventListener("DOMContentLoaded", function () { syncCloseForms(document); });
})();
