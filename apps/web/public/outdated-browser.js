/*
 * R2: an outdated browser gets a prompt to update instead of a blank page. A classic script in ES3 (it must run
 * where the app cannot): shows the notice of index.html when the browser cannot run ES modules (Internet
 * Explorer, Safari before 10.1) or lacks what the oldest supported browsers have (Array.prototype.flat:
 * Chrome 69, Safari 12, Edge 79; the old EdgeHTML Edge lacks it).
 */
(function () {
  var script = document.createElement("script");
  var outdated = !("noModule" in script) || typeof Array.prototype.flat !== "function";
  if (!outdated) return;
  var notice = document.getElementById("outdated-browser");
  if (notice) notice.removeAttribute("hidden");
})();
