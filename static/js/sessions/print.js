/* The print button of the conclusions notice (no inline handlers: strict CSP). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print-button]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
