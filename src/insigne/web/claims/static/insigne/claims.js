// Claim links: a copy button beside each address to hand out. Without script the address
// stays visible and selectable, and the button stays hidden.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest(".copy-field").querySelector(".copy-status");
    if (!field) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = button.getAttribute("data-copied"); },
        function () { field.select(); status.textContent = button.getAttribute("data-failed"); }
      );
    });
  });
})();
