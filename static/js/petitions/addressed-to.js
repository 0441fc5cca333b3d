/* Names the two bodies of the chosen unit on the public concern form.
 *
 * Without JavaScript the choices read "People's Committee of the ward, commune or special
 * zone" until a unit is chosen (the server names them after the unit when the form comes
 * back). With it, choosing a unit renames them at once: "Ủy ban nhân dân phường Bến
 * Thành", "Đảng ủy phường Bến Thành". Each ward option carries its name as it reads in a
 * sentence (data-place); the wrapper carries the patterns (data-pattern-state/-party) and
 * the plain names for no unit yet (data-generic-state/-party).
 */
(function () {
  "use strict";
  var wrapper = document.getElementById("addressed-to");
  var select = document.getElementById("id_ward");
  if (!wrapper || !select) {
    return;
  }
  var radios = wrapper.querySelectorAll('input[type="radio"][name="addressed_to"]');

  function rename() {
    var option = select.options[select.selectedIndex];
    var place = option ? option.getAttribute("data-place") : null;
    Array.prototype.forEach.call(radios, function (radio) {
      var label = wrapper.querySelector('label[for="' + radio.id + '"]');
      var pattern = wrapper.getAttribute("data-pattern-" + radio.value);
      var generic = wrapper.getAttribute("data-generic-" + radio.value);
      if (!label) {
        return;
      }
      if (place && pattern) {
        label.textContent = pattern.replace("%(place)s", place);
      } else if (generic) {
        label.textContent = generic;
      }
    });
  }

  select.addEventListener("change", rename);
  // The ward search (ward-picker.js, loaded first) may select the only match as one types.
  var search = document.getElementById("ward-q");
  if (search) {
    search.addEventListener("input", rename);
  }
  rename();
})();
