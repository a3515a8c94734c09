// Runs on the sandbox issuer's challenge page (the sandbox's own origin). Once the resident has
// answered, it tells the one allowed parent page, which then asks our server to finish the payment.
"use strict";
(() => {
  const done = document.getElementById("challenge-done");
  if (done === null) return;
  const parentOrigin = done.getAttribute("data-parent-origin");
  const target = window.parent !== window ? window.parent : window.opener;
  if (target !== null && parentOrigin !== null) {
    target.postMessage({ type: "madoguchi-sandbox:challenge-complete", passed: done.getAttribute("data-passed") === "true" }, parentOrigin);
  }
})();
