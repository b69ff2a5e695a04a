/* Badge editor: pick a competence from a framework as you type (a combobox with a listbox).
   Progressive enhancement only: without this file the "Chercher" and "Utiliser" buttons submit
   the editor and the server does the same (frameworks/editor_picking.py). */
(function () {
  "use strict";
  var setup = document.getElementById("framework-picker");
  var form = document.getElementById("badge-editor");
  if (!setup || !form || !window.fetch) { return; }
  var status = document.getElementById("picker-status");
  var counter = 0;

  function say(text) {
    if (!status) { return; }
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }
  function field(picker, name) {
    var competence = picker.closest("[data-competence]");
    return competence ? competence.querySelector("[name$='-" + name + "']") : null;
  }
  function language() {
    var select = form.querySelector("[name=language]");
    return select ? select.value : "fr";
  }
  function options(list) { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

  function close(picker) {
    var list = picker.querySelector("[data-picker-results]");
    var input = picker.querySelector("[data-picker-query]");
    list.innerHTML = "";
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function show(picker, results) {
    var list = picker.querySelector("[data-picker-results]");
    var input = picker.querySelector("[data-picker-query]");
    if (!list.id) { counter += 1; list.id = "picker-results-" + counter; }
    input.setAttribute("aria-controls", list.id);
    list.innerHTML = "";
    results.forEach(function (result, index) {
      var option = document.createElement("li");
      option.setAttribute("role", "option");
      option.id = list.id + "-" + index;
      option.setAttribute("aria-selected", "false");
      option.textContent = result.code ? result.code + " — " : "";
      var label = document.createElement("span");
      label.lang = result.lang || "";
      label.textContent = result.label;
      option.appendChild(label);
      var context = document.createElement("span");
      context.className = "muted";
      context.textContent = result.framework + (result.context ? " › " + result.context : "");
      option.appendChild(context);
      option.pickerResult = result;
      list.appendChild(option);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    say(results.length ? setup.dataset.found.replace("{n}", String(results.length)) : setup.dataset.none);
  }

  function search(picker) {
    var input = picker.querySelector("[data-picker-query]");
    var query = input.value.trim();
    if (!query) { close(picker); return; }
    var url = setup.dataset.searchUrl + "?q=" + encodeURIComponent(query) + "&lang=" + encodeURIComponent(language());
    picker.pendingQuery = query;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) { if (picker.pendingQuery === query) { show(picker, data.results || []); } })
      .catch(function () { say(setup.dataset.failed); });
  }

  function setLinked(picker, result) {
    var linked = picker.querySelector("[data-picker-linked]");
    var label = picker.querySelector("[data-picker-label]");
    ["framework", "code", "url"].forEach(function (name) {
      var input = field(picker, name);
      if (input) { input.readOnly = Boolean(result); }
    });
    if (result) {
      label.textContent = setup.dataset.linked.replace("{framework}", result.framework) + (result.code ? " (" + result.code + ")" : "");
    }
    linked.hidden = !result;
  }

  function choose(picker, option) {
    var result = option.pickerResult;
    ["name", "framework", "code", "url", "description", "item"].forEach(function (name) {
      var input = field(picker, name);
      if (input) { input.value = result[name] || ""; }
    });
    var levels = field(picker, "levels");
    if (levels && result.levels) { levels.value = result.levels; }
    picker.querySelector("[data-picker-query]").value = "";
    var choices = picker.querySelector("[data-picker-choices]");
    if (choices) { choices.remove(); }
    close(picker);
    setLinked(picker, result);
    var name = field(picker, "name");
    if (name) { name.focus(); }
    say(setup.dataset.picked.replace("{label}", result.name).replace("{framework}", result.framework));
  }

  function move(picker, step) {
    var list = picker.querySelector("[data-picker-results]");
    var input = picker.querySelector("[data-picker-query]");
    var all = options(list);
    if (!all.length) { return; }
    var current = all.findIndex(function (option) { return option.getAttribute("aria-selected") === "true"; });
    var next = current < 0 ? (step > 0 ? 0 : all.length - 1) : (current + step + all.length) % all.length;
    all.forEach(function (option, index) { option.setAttribute("aria-selected", index === next ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", all[next].id);
    all[next].scrollIntoView({ block: "nearest" });
  }

  /* The competences' search fields become comboboxes, including those added later. */
  function enhance(root) {
    root.querySelectorAll("[data-picker]").forEach(function (picker) {
      var input = picker.querySelector("input[name$='-query']");
      if (!input || input.hasAttribute("data-picker-query")) { return; }
      input.setAttribute("data-picker-query", "");
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
    });
  }
  enhance(form);
  new MutationObserver(function () { enhance(form); }).observe(form, { childList: true, subtree: true });

  var typing = null;
  form.addEventListener("input", function (event) {
    var input = event.target.closest("[data-picker-query]");
    if (!input) { return; }
    var picker = input.closest("[data-picker]");
    clearTimeout(typing);
    typing = setTimeout(function () { search(picker); }, 250);
  });
  form.addEventListener("keydown", function (event) {
    var input = event.target.closest("[data-picker-query]");
    if (!input) { return; }
    var picker = input.closest("[data-picker]");
    var list = picker.querySelector("[data-picker-results]");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) { search(picker); } else { move(picker, event.key === "ArrowDown" ? 1 : -1); }
    } else if (event.key === "Enter") {
      event.preventDefault();  /* never submit the editor from the search field */
      var active = input.getAttribute("aria-activedescendant");
      var option = active ? document.getElementById(active) : null;
      if (option) { choose(picker, option); } else { search(picker); }
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close(picker);
    }
  });
  form.addEventListener("click", function (event) {
    var option = event.target.closest("[data-picker-results] [role=option]");
    if (option) { choose(option.closest("[data-picker]"), option); return; }
    var button = event.target.closest("[data-picker-search], [data-picker-unlink]");
    if (!button) { return; }
    event.preventDefault();
    var picker = button.closest("[data-picker]");
    if (button.hasAttribute("data-picker-search")) {
      search(picker);
      picker.querySelector("[data-picker-query]").focus();
    } else {
      var item = field(picker, "item");
      if (item) { item.value = ""; }
      setLinked(picker, null);
      picker.querySelector("[data-picker-query]").focus();
      say(setup.dataset.unlinked);
    }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-picker]")) {
      form.querySelectorAll("[data-picker]").forEach(close);
    }
  });
})();
