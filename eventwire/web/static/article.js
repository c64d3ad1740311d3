// Pointing at a record outlines its spans in the text, and pointing at a span its records.
(function () {
  "use strict";
  function focus(eventId, on) {
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      if ((mark.dataset.events || "").split(" ").indexOf(eventId) >= 0) {
        mark.classList.toggle("focus", on);
      }
    });
    var record = document.getElementById("ev-" + eventId);
    if (record) { record.classList.toggle("focus", on); }
  }
  document.querySelectorAll(".record").forEach(function (record) {
    var id = record.id.slice(3);
    record.addEventListener("mouseenter", function () { focus(id, true); });
    record.addEventListener("mouseleave", function () { focus(id, false); });
  });
  document.querySelectorAll("mark.hl").forEach(function (mark) {
    var ids = (mark.dataset.events || "").split(" ");
    mark.addEventListener("mouseenter", function () { ids.forEach(function (id) { focus(id, true); }); });
    mark.addEventListener("mouseleave", function () { ids.forEach(function (id) { focus(id, false); }); });
  });
  if (location.hash.indexOf("#ev-") === 0) { focus(location.hash.slice(4), true); }
})();
