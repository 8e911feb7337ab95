/* Orient embeddable widget. An organisation's page includes:
   <script src="https://ORIENT/widget.js" data-organisation="ID" data-placement="PLACE" data-token="TOKEN" data-lang="en" async></script>
   and gets an iframe with the person's recommendations for that placement, shown only while the
   person's consent is valid (checked by Orient each time). */
(function () {
  "use strict";
  var scripts = document.querySelectorAll("script[data-organisation][data-placement]");
  Array.prototype.forEach.call(scripts, function (script) {
    if (script.getAttribute("data-orient-mounted")) { return; }
    script.setAttribute("data-orient-mounted", "1");
    var origin = new URL(script.src, window.location.href).origin;
    var params = new URLSearchParams({
      organisation: script.getAttribute("data-organisation"),
      placement: script.getAttribute("data-placement"),
      token: script.getAttribute("data-token") || "",
      lang: script.getAttribute("data-lang") || (document.documentElement.lang || "en").slice(0, 2)
    });
    var frame = document.createElement("iframe");
    frame.src = origin + "/widget/frame?" + params.toString();
    frame.title = "Orient recommendations";
    frame.loading = "lazy";
    frame.setAttribute("sandbox", "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-same-origin");
    frame.style.cssText = "width:100%;border:0;min-height:120px;height:240px;";
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
      var h = event.data && event.data.orientWidgetHeight;
      if (typeof h === "number" && h > 0 && h < 5000) { frame.style.height = h + "px"; }
    });
    script.parentNode.insertBefore(frame, script.nextSibling);
  });
})();
