/* France Compétences fiches, progressive enhancement only: without this file the editor's
   code field takes a code typed by hand (or words, listed after "Aperçu"), and the import
   page offers a link to refresh its progress. */
(function () {
  "use strict";

  /* Import progress: poll, then reload the page for the report once the import is over. */
  var box = document.querySelector("[data-progress-url]");
  if (box) {
    var text = box.querySelector("[aria-live]");
    var poll = function () {
      fetch(box.getAttribute("data-progress-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { window.setTimeout(poll, 5000); return; }
          if (text.textContent !== data.text) { text.textContent = data.text; }
          if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 2000);
  }

  /* Editor: an ARIA 1.2 combobox on the certification code field. */
  var picker = document.getElementById("certification-picker");
  if (!picker || !window.fetch) { return; }
  var input = document.getElementById(picker.dataset.code);
  var title = document.getElementById(picker.dataset.title);
  var url = document.getElementById(picker.dataset.url);
  var status = document.getElementById("certification-status");
  if (!input || !title) { return; }

  var listbox = document.createElement("ul");
  listbox.id = "certification-options";
  listbox.className = "certification-options";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", picker.dataset.label);
  listbox.hidden = true;
  input.insertAdjacentElement("afterend", listbox);
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  listbox.insertAdjacentElement("afterend", live);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);

  var results = [];
  var active = -1;
  var timer = null;
  var latest = 0;
  var pickedTitle = null;

  function say(message) {
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }
  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function highlight(index) {
    var options = listbox.querySelectorAll("[role=option]");
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function render(data) {
    results = data.results || [];
    listbox.textContent = "";
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.id = "certification-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = result.label;
      if (result.certifiers.length) {
        var small = document.createElement("span");
        small.className = "certification-option-certifiers";
        small.textContent = result.certifiers.join(", ");
        option.appendChild(small);
      }
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      option.addEventListener("click", function () { pick(index); });
      listbox.appendChild(option);
    });
    if (!results.length) {
      close();
      say(picker.dataset.none);
      return;
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(-1);
    say(results.length === 1 ? picker.dataset.foundOne : picker.dataset.found.replace("{n}", String(results.length)));
  }
  function lookup() {
    var query = input.value.trim();
    if (query.length < 2) { close(); return; }
    var ticket = ++latest;
    fetch(picker.dataset.searchUrl + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" }, credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && ticket === latest) { render(data); } })
      .catch(function () { close(); });
  }
  function pick(index) {
    var result = results[index];
    if (!result) { return; }
    input.value = result.code;
    title.value = result.title;
    pickedTitle = result.title;
    if (url) { url.value = ""; } /* empty: the credential links the public fiche */
    close();
    if (status) { status.innerHTML = result.summary; } /* rendered by the server, escaped */
    say(picker.dataset.picked.replace("{code}", result.code));
  }

  input.addEventListener("input", function () {
    /* Another code: the title picked with the previous one no longer applies (left empty,
       the server takes the new fiche's own title). */
    if (pickedTitle !== null && title.value === pickedTitle) { title.value = ""; }
    pickedTitle = null;
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 250);
  });
  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden && results.length;
    if (event.key === "ArrowDown") {
      if (!open) { lookup(); return; }
      event.preventDefault();
      highlight((active + 1) % results.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active <= 0 ? results.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault(); /* pick, do not submit the editor */
      pick(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
})();
