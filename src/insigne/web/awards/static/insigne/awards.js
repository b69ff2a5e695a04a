// Awarding pages, progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Import progress: poll the JSON endpoint, move the bar, and speak only every tenth.
  var box = document.querySelector("[data-progress-url]");
  if (box) {
    var bar = box.querySelector("progress");
    var text = box.querySelector("[aria-live]");
    var spoken = -1;
    var poll = function () {
      fetch(box.getAttribute("data-progress-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { window.setTimeout(poll, 5000); return; }
          bar.value = data.percent;
          bar.textContent = data.percent + " %";
          var step = Math.floor(data.percent / 10);
          if (step !== spoken || data.finished) {
            spoken = step;
            text.textContent = data.text;
          }
          if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  }

  // Award list: one box to check every award of the page.
  var form = document.getElementById("bulk-form");
  if (form) {
    var cell = form.querySelector("thead th");
    var boxes = form.querySelectorAll("tbody input[type=checkbox][name=awards]");
    if (cell && boxes.length) {
      var all = document.createElement("input");
      all.type = "checkbox";
      all.id = "select-all";
      var label = cell.querySelector(".visually-hidden");
      all.setAttribute("aria-label", form.getAttribute("data-select-all") || (label ? label.textContent : ""));
      cell.appendChild(all);
      all.addEventListener("change", function () {
        boxes.forEach(function (each) { each.checked = all.checked; });
      });
    }
  }
})();
