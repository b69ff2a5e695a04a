// Progressive enhancement for the public pages; every feature works without this script.
(function () {
  "use strict";

  // Verifier: drop a badge file anywhere on the file field's zone.
  var zone = document.querySelector(".verifier-form .dropzone");
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
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      }
    });
  }

  // Verifier: bring the result into view and give it focus, so screen readers announce it.
  var result = document.getElementById("resultat");
  if (result) {
    result.focus();
  }
})();
