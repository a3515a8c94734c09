/**
 * A loopback imitation of the part of Stripe.js that madoguchi's web app uses, served by the contract
 * server from its own origin (ADR 0028) so that browser tests never reach the internet. It is NOT
 * Stripe.js: it imitates the documented surface we call, nothing more —
 *
 * - `Stripe(publishableKey)` → a Stripe object (throws on a key that is not `pk_test_…`/`pk_live_…`);
 * - `stripe.elements({ locale })` → `elements.create("card", options)` → a card element with
 *   `mount(element | selector)`, `on("change" | "ready", handler)`, `destroy()`, `unmount()`, `focus()`, `clear()`;
 * - `stripe.createPaymentMethod({ type: "card", card })` → `{ paymentMethod }` or `{ error: { type, code, message } }`.
 *
 * As in Stripe.js, the card's number, expiry and CVC are typed into an iframe of the gateway's origin
 * (`/elements/card-frame.html`). On `createPaymentMethod` that frame — not the merchant's page — posts
 * the card to the contract server's `POST /v1/payment_methods` with the publishable key and hands back
 * only the PaymentMethod (`pm_…`, brand, last 4). So a browser test on it proves that the card never
 * passes through the merchant's page code or server.
 *
 * Not imitated: the other Elements (payment, address, split card fields), styles and classes, 3-D Secure
 * calls of Stripe.js (madoguchi frames the PaymentIntent's `redirect_to_url` itself, so it calls none),
 * fraud signals, Stripe's exact validation texts and their translations (ours are short, in English and Japanese).
 */

/** `GET /v3/`: the imitation of Stripe.js, run in the merchant's page. */
export const STRIPE_JS_IMITATION = String.raw`(function () {
  "use strict";
  var current = document.currentScript;
  var origin = new URL(current ? current.src : location.href).origin;
  var KEY = /^pk_(test|live)_[A-Za-z0-9_]+$/;
  var MARK = "madoguchi-stripe-js-imitation";

  function Stripe(publishableKey) {
    if (!(this instanceof Stripe)) return new Stripe(publishableKey);
    if (typeof publishableKey !== "string" || !KEY.test(publishableKey)) {
      throw new Error("IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key (pk_test_… or pk_live_…).");
    }
    var frames = {};
    var pending = {};
    var next = 0;
    window.addEventListener("message", function (event) {
      if (event.origin !== origin) return;
      var data = event.data;
      if (!data || data.mark !== MARK) return;
      var element = frames[data.frameId];
      if (!element || !element.iframe || event.source !== element.iframe.contentWindow) return;
      if (data.type === "change" || data.type === "ready") element.emit(data.type, data.payload || {});
      if (data.type === "result" && pending[data.requestId]) {
        var resolve = pending[data.requestId];
        delete pending[data.requestId];
        resolve(data.payload);
      }
    });

    function CardElement(locale, options) {
      this.id = "card-" + Math.random().toString(36).slice(2);
      this.locale = locale;
      this.hidePostalCode = !!(options && options.hidePostalCode);
      this.handlers = { change: [], ready: [], focus: [], blur: [] };
      this.iframe = null;
      frames[this.id] = this;
    }
    CardElement.prototype.on = function (name, handler) {
      (this.handlers[name] = this.handlers[name] || []).push(handler);
      return this;
    };
    CardElement.prototype.off = function (name, handler) {
      this.handlers[name] = (this.handlers[name] || []).filter(function (h) { return h !== handler; });
      return this;
    };
    CardElement.prototype.emit = function (name, payload) {
      var list = (this.handlers[name] || []).slice();
      for (var i = 0; i < list.length; i++) list[i](Object.assign({ elementType: "card" }, payload));
    };
    CardElement.prototype.mount = function (target) {
      var parent = typeof target === "string" ? document.querySelector(target) : target;
      if (!parent) throw new Error("IntegrationError: The selector you specified (" + target + ") applies to no DOM elements.");
      var iframe = document.createElement("iframe");
      var src = new URL("/elements/card-frame.html", origin);
      src.searchParams.set("frameId", this.id);
      src.searchParams.set("parent", location.origin);
      src.searchParams.set("locale", this.locale);
      iframe.src = src.href;
      iframe.name = "__privateStripeFrame" + this.id;
      iframe.title = this.locale === "ja" ? "カード支払いの入力欄（保護されています）" : "Secure card payment input frame";
      iframe.setAttribute("frameborder", "0");
      iframe.setAttribute("allowtransparency", "true");
      iframe.setAttribute("scrolling", "no");
      iframe.style.cssText = "border:0;width:100%;height:7.5rem;display:block;background:transparent";
      parent.appendChild(iframe);
      this.iframe = iframe;
    };
    CardElement.prototype.unmount = function () {
      if (this.iframe && this.iframe.parentNode) this.iframe.parentNode.removeChild(this.iframe);
      this.iframe = null;
    };
    CardElement.prototype.destroy = function () {
      this.unmount();
      delete frames[this.id];
    };
    CardElement.prototype.post = function (message) {
      if (this.iframe && this.iframe.contentWindow) this.iframe.contentWindow.postMessage(Object.assign({ mark: MARK }, message), origin);
    };
    CardElement.prototype.focus = function () { this.post({ type: "focus" }); };
    CardElement.prototype.clear = function () { this.post({ type: "clear" }); };

    this.elements = function (options) {
      var locale = options && options.locale ? options.locale : "auto";
      return {
        create: function (type, elementOptions) {
          if (type !== "card") throw new Error("IntegrationError: this imitation of Stripe.js only has the 'card' Element.");
          return new CardElement(locale, elementOptions);
        },
      };
    };

    this.createPaymentMethod = function (data) {
      var card = data && data.card;
      if (!data || data.type !== "card" || !card || !frames[card.id] || !card.iframe) {
        return Promise.resolve({ error: { type: "validation_error", code: "integration_error", message: "createPaymentMethod needs { type: 'card', card: <a mounted card Element> }." } });
      }
      var requestId = String(++next);
      return new Promise(function (resolve) {
        pending[requestId] = resolve;
        card.post({ type: "createPaymentMethod", requestId: requestId, key: publishableKey });
      });
    };
  }

  window.Stripe = Stripe;
})();
`;

/** `GET /elements/card-frame.html`: the card fields, on the gateway's origin. */
export const CARD_FRAME_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Card</title>
<style>
  body { margin: 0; font: 16px system-ui, sans-serif; }
  .row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  label { display: flex; flex-direction: column; font-size: 0.8rem; gap: 0.15rem; }
  input { font: inherit; padding: 0.3rem; border: 1px solid #888; border-radius: 4px; }
  #cardnumber { width: 14rem; } #exp-date { width: 5rem; } #cvc { width: 4rem; }
</style>
<script src="/elements/card-frame.js" defer></script>
</head>
<body>
<div class="row">
  <label><span id="l-number">Card number</span><input id="cardnumber" name="cardnumber" inputmode="numeric" autocomplete="cc-number" aria-labelledby="l-number"></label>
  <label><span id="l-exp">MM / YY</span><input id="exp-date" name="exp-date" inputmode="numeric" autocomplete="cc-exp" aria-labelledby="l-exp"></label>
  <label><span id="l-cvc">CVC</span><input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" aria-labelledby="l-cvc"></label>
</div>
</body>
</html>
`;

/** `GET /elements/card-frame.js`: the frame posts the card to the gateway (its own origin), never to the page. */
export const CARD_FRAME_JS = String.raw`(function () {
  "use strict";
  var MARK = "madoguchi-stripe-js-imitation";
  var params = new URLSearchParams(location.search);
  var frameId = params.get("frameId");
  var parentOrigin = params.get("parent");
  var ja = params.get("locale") === "ja";
  var number = document.getElementById("cardnumber");
  var exp = document.getElementById("exp-date");
  var cvc = document.getElementById("cvc");
  if (ja) {
    document.documentElement.lang = "ja";
    document.getElementById("l-number").textContent = "カード番号";
    document.getElementById("l-exp").textContent = "有効期限（月/年）";
    document.getElementById("l-cvc").textContent = "セキュリティコード";
  }
  var TEXT = {
    incomplete_number: ja ? "カード番号が不完全です。" : "Your card number is incomplete.",
    invalid_number: ja ? "カード番号が無効です。" : "Your card number is invalid.",
    incomplete_expiry: ja ? "有効期限が不完全です。" : "Your card's expiration date is incomplete.",
    invalid_expiry_year_past: ja ? "有効期限が過ぎています。" : "Your card's expiration year is in the past.",
    incomplete_cvc: ja ? "セキュリティコードが不完全です。" : "Your card's security code is incomplete.",
  };

  function send(type, payload, requestId) {
    window.parent.postMessage({ mark: MARK, frameId: frameId, type: type, payload: payload, requestId: requestId }, parentOrigin);
  }
  function digits(input) { return input.value.replace(/\D/g, ""); }
  function luhn(d) {
    var sum = 0;
    for (var i = 0; i < d.length; i++) {
      var n = Number(d[d.length - 1 - i]);
      if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
      sum += n;
    }
    return sum % 10 === 0;
  }
  function brandOf(d) {
    if (/^4/.test(d)) return "visa";
    if (/^(5[1-5]|2[2-7])/.test(d)) return "mastercard";
    if (/^35/.test(d)) return "jcb";
    if (/^3[47]/.test(d)) return "amex";
    return "unknown";
  }
  function expiry() {
    var d = digits(exp);
    if (d.length !== 4) return null;
    var month = Number(d.slice(0, 2));
    var year = 2000 + Number(d.slice(2));
    return month >= 1 && month <= 12 ? { month: month, year: year } : null;
  }
  /** The first problem, as Stripe's change event and createPaymentMethod report it (null: complete). */
  function problem(final) {
    var n = digits(number);
    // While typing, a number shorter than 16 digits is only incomplete; when sending, 13 digits may be a whole number.
    if (n.length < (final ? 13 : 16)) return "incomplete_number";
    if (!luhn(n)) return "invalid_number";
    var e = expiry();
    if (e === null) return "incomplete_expiry";
    var now = new Date();
    if (e.year < now.getFullYear() || (e.year === now.getFullYear() && e.month < now.getMonth() + 1)) return "invalid_expiry_year_past";
    if (!/^\d{3,4}$/.test(digits(cvc))) return "incomplete_cvc";
    return null;
  }
  function change() {
    var empty = !number.value && !exp.value && !cvc.value;
    var code = problem(false);
    var n = digits(number);
    if (code === "incomplete_number" && n.length >= 13 && problem(true) === null) code = null;
    // As Stripe, an error is shown only once the number is long enough to be judged.
    var shown = code === "invalid_number" || code === "invalid_expiry_year_past" ? code : null;
    send("change", { empty: empty, complete: code === null, brand: brandOf(n), error: shown === null ? undefined : { type: "validation_error", code: shown, message: TEXT[shown] } });
  }
  [number, exp, cvc].forEach(function (input) { input.addEventListener("input", change); });

  window.addEventListener("message", function (event) {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.mark !== MARK) return;
    if (data.type === "focus") number.focus();
    if (data.type === "clear") { number.value = exp.value = cvc.value = ""; change(); }
    if (data.type !== "createPaymentMethod") return;
    var code = problem(true);
    if (code !== null) return send("result", { error: { type: "validation_error", code: code, message: TEXT[code] } }, data.requestId);
    var e = expiry();
    var body = new URLSearchParams({ type: "card", "card[number]": digits(number), "card[exp_month]": String(e.month), "card[exp_year]": String(e.year), "card[cvc]": digits(cvc) });
    // To the gateway, from the gateway's origin, with the publishable key: the merchant never sees the card.
    fetch("/v1/payment_methods", { method: "POST", headers: { Authorization: "Bearer " + data.key, "Content-Type": "application/x-www-form-urlencoded" }, body: body })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer && answer.error) send("result", { error: { type: answer.error.type, code: answer.error.code, decline_code: answer.error.decline_code, message: answer.error.message } }, data.requestId);
        else send("result", { paymentMethod: answer }, data.requestId);
      })
      .catch(function () {
        send("result", { error: { type: "api_connection_error", message: ja ? "決済代行会社に接続できませんでした。" : "Could not connect to the payment provider." } }, data.requestId);
      });
  });
  send("ready", {});
})();
`;
