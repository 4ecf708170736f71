// Small enhancements only: every page works without this script.
(function () {
  "use strict";
  // "/" focuses the global search box, as on most developer tools.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
      var search = document.getElementById("global-search");
      if (search) { event.preventDefault(); search.focus(); }
    }
  });
  // Outbound clicks and opened search results, for the insights of signed-in people. Links work
  // the same without this; the report is sent in the background and never delays the click.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !navigator.sendBeacon) { return; }
    var report = null;
    if (link.host && link.host !== window.location.host) {
      report = { action: "click", subject: (link.textContent || "").trim().slice(0, 200), attributes: { to: link.href.slice(0, 2000) },
                 context: { pluginId: window.location.pathname.split("/")[1] || "home" } };
    } else if (link.dataset && link.dataset.rank) {
      report = { action: "discover", subject: link.getAttribute("href"), value: Number(link.dataset.rank), context: { pluginId: "search" } };
    }
    // Beacons cannot set headers, so the form token travels in the query.
    var token = document.querySelector("meta[name=csrf-token]");
    if (report && token) {
      navigator.sendBeacon("/page-events?csrf=" + encodeURIComponent(token.content), new Blob([JSON.stringify([report])], { type: "application/json" }));
    }
  });
  // "Not now" on the survey note dismisses it in the background and hides the note, instead of
  // reloading the page; without the script the form posts and comes back to the same page.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var note = form.closest ? form.closest(".survey-prompt") : null;
    if (!note || !window.fetch || !window.URLSearchParams) { return; }
    event.preventDefault();
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", redirect: "manual" })
      .then(function () { note.hidden = true; }, function () { form.submit(); });
  });
})();
