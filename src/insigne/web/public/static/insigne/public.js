// Progressive enhancement for the pages that take a badge file (the verifier, adding an
// imported badge); every feature works without this script.
(function () {
  "use strict";

  // Drop a badge file anywhere on the file field's zone.
  var zone = document.querySelector(".dropzone");
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

  // A verdict or a refusal: bring it into view and give it focus, so it is announced.
  var result = document.querySelector("[data-focus-on-load]");
  if (result) {
    result.focus();
  }
})();
