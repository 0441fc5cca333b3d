/* Progressive ward picker on the public concern form.
 *
 * Without JavaScript the search box reloads the page with ?q= and the server filters the
 * list. With it, typing filters the <select> at once, accent-insensitively (each option
 * carries its folded name in data-search), and the search button is not needed.
 */
(function () {
  "use strict";
  var input = document.getElementById("ward-q");
  var select = document.getElementById("id_ward");
  var status = document.getElementById("ward-q-status");
  var searchForm = document.getElementById("ward-search");
  if (!input || !select) {
    return;
  }

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  var template = status ? status.getAttribute("data-template") : null;

  function filter() {
    var query = fold(input.value);
    var shown = 0;
    var last = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var key = option.getAttribute("data-search");
      if (key === null) {
        return; // the empty "choose" option stays
      }
      var match = query === "" || key.indexOf(query) !== -1;
      option.hidden = !match;
      option.disabled = !match && !option.selected;
      if (match) {
        shown += 1;
        last = option;
      }
    });
    if (shown === 1 && last && query !== "") {
      last.selected = true;
    }
    if (status && template) {
      status.textContent = query === "" ? "" : template.replace("%(count)s", String(shown));
    }
  }

  input.addEventListener("input", filter);
  if (searchForm) {
    searchForm.addEventListener("submit", function (event) {
      event.preventDefault();
      filter();
      select.focus();
    });
  }
  // The page may come back from a server-side search with ?q= already filled in.
  if (input.value) {
    filter();
  }
})();
