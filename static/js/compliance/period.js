// Show only the fields the chosen kind of period needs (the form works without this).
(function () {
  "use strict";
  document.querySelectorAll("form[data-period-form]").forEach(function (form) {
    var select = form.querySelector("select[name=period]");
    if (!select) { return; }
    var needs = {
      month: ["year", "month"],
      quarter: ["year", "quarter"],
      q1: ["year"], "6m": ["year"], "9m": ["year"], year: ["year"],
      custom: ["start", "end"]
    };
    function update() {
      var wanted = needs[select.value] || ["year", "month"];
      ["year", "month", "quarter", "start", "end"].forEach(function (name) {
        var wrapper = form.querySelector("[data-field=" + name + "]");
        if (wrapper) { wrapper.hidden = wanted.indexOf(name) === -1; }
      });
    }
    select.addEventListener("change", update);
    update();
  });
})();
