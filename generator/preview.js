// Written by `python -m generator serve` for the preview only: a built site never loads it.
// The page reloads when the next build is done (the preview's server answers the wait then).
// A banner over the page when the last save was rejected (the page is the last good version),
// or when the page's record was deleted. The problems are text, never markup.
(function () {
  var status = __STATUS__;

  function wait() {
    fetch(status.builds + "?after=" + status.build, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (answer) { if (answer.build > status.build) window.location.reload(); else wait(); },
            function () { setTimeout(wait, 1000); });  // the preview stopped or restarts: try again
  }
  wait();

  var here = window.location.pathname.replace(/index\.html$/, "");
  var removed = status.removed.some(function (url) { return here.endsWith("/" + url) || (url === "" && here === "/"); });
  if (!status.errors.length && !removed) return;

  function show() {
    var banner = document.createElement("aside");
    banner.id = "preview-problems";
    banner.setAttribute("role", "alert");
    banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000;max-height:50vh;overflow:auto;" +
      "margin:0;padding:.8em 1.2em;background:#b00020;color:#fff;font:14px/1.5 system-ui,sans-serif;" +
      "box-shadow:0 2px 8px rgba(0,0,0,.4)";
    var title = document.createElement("strong");
    var count = status.errors.length;
    title.textContent = count
      ? "The last save was rejected: " + count + " error" + (count === 1 ? "" : "s") +
        ". This page is the last good version; fix the record and save again."
      : "This page's record was deleted. The preview serves the old page until you restart it.";
    banner.appendChild(title);
    if (count) {
      var list = document.createElement("ul");
      list.style.cssText = "margin:.4em 0 0;padding-left:1.2em;font-family:ui-monospace,monospace;font-size:13px";
      status.errors.forEach(function (text) {
        var item = document.createElement("li");
        item.textContent = text;
        list.appendChild(item);
      });
      banner.appendChild(list);
    }
    document.body.appendChild(banner);
  }

  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show);
})();
