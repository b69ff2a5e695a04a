// Copy buttons of the sharing panel. Without this script (or without clipboard access) the
// buttons stay hidden and the text stays visible and selectable in its field.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll(".copy-button[data-copy]").forEach(function (button) {
    if (button.dataset.ready) {
      return; // the panel may be included more than once on a page
    }
    button.dataset.ready = "1";
    var source = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.status);
    if (!source || !status) {
      return;
    }
    button.hidden = false;
    // Emptied first, so that copying twice is announced twice.
    function say(text, failed) {
      status.textContent = "";
      status.classList.toggle("failed", failed);
      window.setTimeout(function () { status.textContent = text; }, 100);
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () { say(button.dataset.done, false); },
        function () {
          source.focus();
          source.select();
          say(button.dataset.failed, true);
        }
      );
    });
  });
})();
