/* Progressive enhancement for the unit pickers: narrow a <select> as one types.
 *
 * Markup: <input data-unit-filter="ID-of-select">. Without JavaScript the same input is
 * sent with the form (GET ?unit_q=...) and the server narrows the list the same way.
 * Matching ignores case and Vietnamese diacritics ("ben thanh" finds "Bến Thành").
 */
(function () {
  "use strict";
  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }
  document.querySelectorAll("input[data-unit-filter]").forEach(function (input) {
    var select = document.getElementById(input.getAttribute("data-unit-filter"));
    if (!select) {
      return;
    }
    var all = Array.prototype.map.call(select.options, function (option) {
      return { option: option, key: fold(option.textContent) };
    });
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      all.forEach(function (item) {
        var keep = !wanted || item.option.value === "" || item.option.selected || item.key.indexOf(wanted) !== -1;
        item.option.hidden = !keep;
        item.option.disabled = !keep;
      });
    });
  });
})();
