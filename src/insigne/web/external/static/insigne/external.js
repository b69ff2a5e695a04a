// Progressive enhancement for adding an imported badge; the form works without this script.
(function () {
  "use strict";

  // Drop a badge file anywhere on the file field's zone.
  var zone = document.querySelector(".external-form .dropzone");
  var input = zone && zone.querySelector("input[type=file]");
  if (zone && input && "DataTransfer" in window) {
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.focus();
      }
    });
  }

  // A refused badge: bring the reason into view and give it focus, so it is announced.
  var problem = document.getElementById("import-problem");
  if (problem) {
    problem.focus();
  }
})();
