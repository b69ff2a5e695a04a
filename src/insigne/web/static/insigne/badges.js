/* Badge editor, progressive enhancement only: every feature works without this file
   (the buttons submit the form and the server does the same work). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("badge-editor");
  if (!form) { return; }

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  function csrf() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function debounce(fn, wait) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, wait); };
  }
  function checked(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }

  /* Show only the image part that matches the chosen source, and the relevant expiry field. */
  function toggle(element, visible) { if (element) { element.hidden = !visible; } }
  function syncSections() {
    var source = checked("source");
    toggle(document.getElementById("image-upload"), source === "fichier");
    toggle(document.getElementById("image-designer"), source === "atelier");
    var expiry = checked("expiry");
    toggle(form.querySelector(".expiry-date"), expiry === "date");
    toggle(form.querySelector(".expiry-days"), expiry === "duration");
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "source" || event.target.name === "expiry") { syncSections(); }
  });
  syncSections();

  /* Competences: add, remove and move in the page, renumbering the formset. */
  var list = document.getElementById("competence-list");
  var template = document.getElementById("competence-template");
  var total = form.querySelector("input[name='competences-TOTAL_FORMS']");
  var status = document.getElementById("competence-status");
  var add = document.getElementById("add-competence");
  function say(text) { if (status) { status.textContent = ""; setTimeout(function () { status.textContent = text; }, 50); } }
  function renumber() {
    var items = list.querySelectorAll("[data-competence]");
    items.forEach(function (item, index) {
      var n = String(index + 1);
      item.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) { el.setAttribute(attr, value.replace(/competences-(\d+|__prefix__)-/g, "competences-" + index + "-")); }
        });
      });
      item.querySelector("legend").textContent = list.dataset.legend.replace("{n}", n);
      item.querySelectorAll("[data-label]").forEach(function (span) {
        span.textContent = " " + list.dataset.label.replace("{n}", n);
      });
      item.querySelector(".competence-actions").setAttribute("aria-label", list.dataset.actions.replace("{n}", n));
      item.querySelectorAll("button[name=competence_action]").forEach(function (button) {
        button.value = button.value.replace(/-(\d+|__prefix__)$/, "-" + index);
      });
    });
    total.value = String(items.length);
    if (add) { add.disabled = items.length >= Number(list.dataset.max); }
  }
  if (list && template && total) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=competence_action]");
      if (!button) { return; }
      event.preventDefault();
      var item = button.closest("[data-competence]");
      if (button === add) {
        if (list.querySelectorAll("[data-competence]").length >= Number(list.dataset.max)) { say(list.dataset.full); return; }
        list.appendChild(template.content.cloneNode(true));
        renumber();
        var fresh = list.lastElementChild;
        fresh.querySelector("input[name$='-name']").focus();
        say(list.dataset.added);
      } else if (button.hasAttribute("data-remove")) {
        var next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        renumber();
        (next ? next.querySelector("input[name$='-name']") : add).focus();
        say(list.dataset.removed);
      } else {
        var up = button.dataset.move === "up";
        var other = up ? item.previousElementSibling : item.nextElementSibling;
        if (!other) { return; }
        list.insertBefore(up ? item : other, up ? other : item);
        renumber();
        button.focus();
        var position = Array.prototype.indexOf.call(list.children, item) + 1;
        say(list.dataset.moved.replace("{n}", String(position)));
      }
    });
    renumber();
  }

  /* Criteria: the sanitised HTML the badge page will show, as you type. */
  var criteria = form.querySelector("textarea[name=criteria]");
  var preview = document.getElementById("criteria-preview");
  var previewBody = document.getElementById("criteria-preview-body");
  if (criteria && preview && previewBody && form.dataset.criteriaPreview) {
    criteria.addEventListener("input", debounce(function () {
      var body = new URLSearchParams();
      body.set("criteria", criteria.value);
      fetch(form.dataset.criteriaPreview, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf() }
      }).then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      }).then(function (html) {
        previewBody.innerHTML = html;  /* sanitised by the server (nh3) */
        preview.hidden = !criteria.value.trim();
      }).catch(function () { /* keep the last preview */ });
    }, 500));
  }

  /* Designer: pick a palette fills the colours; typing a colour picks "custom"; live preview. */
  var designer = document.getElementById("designer");
  var image = document.getElementById("design-preview");
  var designStatus = document.getElementById("design-status");
  if (designer && form.dataset.designPreview) {
    var fields = ["shape", "pictogram", "palette", "background", "foreground", "line1", "line2"];
    var lastUrl = null;
    var refresh = debounce(function () {
      var query = new URLSearchParams();
      fields.forEach(function (name) {
        var input = designer.querySelector("[name='design-" + name + "']:checked") ||
          designer.querySelector("input[type=text][name='design-" + name + "']");
        query.set(name, input ? input.value : "");
      });
      fetch(form.dataset.designPreview + "?" + query.toString(), { credentials: "same-origin" })
        .then(function (response) {
          if (response.ok) { return response.blob().then(function (blob) { return { blob: blob }; }); }
          return response.json().then(function (data) { return { errors: data.errors || {} }; });
        })
        .then(function (result) {
          if (result.blob) {
            if (!image) { return; }
            if (lastUrl) { URL.revokeObjectURL(lastUrl); }
            lastUrl = URL.createObjectURL(result.blob);
            image.src = lastUrl;
            designStatus.textContent = "";
          } else {
            var messages = [];
            Object.keys(result.errors).forEach(function (key) { messages = messages.concat(result.errors[key]); });
            designStatus.textContent = designStatus.dataset.unavailable + " " + messages.join(" ");
          }
        })
        .catch(function () { /* the no-JS preview button still works */ });
    }, 250);
    designer.addEventListener("change", function (event) {
      var label = event.target.closest("label[data-background]");
      if (event.target.name === "design-palette" && label) {
        designer.querySelector("[name='design-background']").value = label.dataset.background;
        designer.querySelector("[name='design-foreground']").value = label.dataset.foreground;
      }
      refresh();
    });
    designer.addEventListener("input", function (event) {
      if (event.target.name === "design-background" || event.target.name === "design-foreground") {
        var custom = designer.querySelector("[name='design-palette'][value='perso']");
        if (custom) { custom.checked = true; }
      }
      if (event.target.type === "text") { refresh(); }
    });
  }
})();
