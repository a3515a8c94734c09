// Runs inside the payment sandbox's hosted-fields iframe (served from the sandbox's own origin).
// The card goes only to this origin's /v1/tokens; the parent page receives a single-use token and
// display data (brand, last4, expiry) through postMessage, addressed to the one allowed parent origin.
"use strict";
(() => {
  const form = document.getElementById("card-form");
  if (form === null) return; // the refusal page has no form
  const parentOrigin = form.getAttribute("data-parent-origin");
  const messages = JSON.parse(document.getElementById("card-messages").textContent);
  const errorBox = document.getElementById("card-error");
  const button = document.getElementById("pay-button");
  const number = document.getElementById("card-number");
  const expiry = document.getElementById("card-expiry");
  const cvc = document.getElementById("card-cvc");
  const name = document.getElementById("card-name");
  const inputs = [number, expiry, cvc, name];
  const fieldOf = {
    invalid_number: number,
    unsupported_brand: number,
    invalid_expiry: expiry,
    expired_card: expiry,
    invalid_cvc: cvc,
    invalid_name: name,
  };

  const post = (message) => window.parent.postMessage(message, parentOrigin);

  const showError = (code) => {
    errorBox.textContent = messages[code] ?? messages.default;
    const field = fieldOf[code];
    if (field !== undefined) {
      field.setAttribute("aria-invalid", "true");
      field.focus();
    }
    post({ type: "madoguchi-sandbox:error", code });
  };

  const clearErrors = () => {
    errorBox.textContent = "";
    for (const input of inputs) input.removeAttribute("aria-invalid");
  };

  // "MM/YY" (also "M/YY" and "MM/YYYY"); anything else is reported before any request is made.
  const parseExpiry = (text) => {
    const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
    if (match === null) return null;
    const month = Number(match[1]);
    const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
    return month >= 1 && month <= 12 ? { month, year } : null;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const exp = parseExpiry(expiry.value);
    if (exp === null) {
      showError("invalid_expiry");
      return;
    }
    button.disabled = true;
    try {
      const response = await fetch("v1/tokens", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "omit",
        cache: "no-store",
        body: JSON.stringify({
          number: number.value.replace(/[\s-]/g, ""),
          expMonth: exp.month,
          expYear: exp.year,
          cvc: cvc.value.trim(),
          name: name.value,
        }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok || body === null || typeof body.token !== "string") {
        showError(body?.error?.code ?? "default");
        return;
      }
      // The card is no longer needed on the page once it has become a token.
      number.value = "";
      cvc.value = "";
      post({ type: "madoguchi-sandbox:token", token: body.token, brand: body.brand, last4: body.last4, expMonth: exp.month, expYear: exp.year });
    } catch {
      showError("network_error");
    } finally {
      button.disabled = false;
    }
  });
})();
