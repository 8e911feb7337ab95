/* Inside the widget frame: tell the embedding page how tall the content is. */
(function () {
  "use strict";
  function report() {
    var height = document.documentElement.scrollHeight;
    if (window.parent && window.parent !== window) { window.parent.postMessage({ orientWidgetHeight: height }, "*"); }
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
})();
