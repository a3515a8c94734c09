import type { CardBrand } from "../cards/card-brand.ts";
import { BRAND_NAMES, HOSTED_FIELDS_LABELS, type HostedFieldsLang } from "./hosted-fields.labels.ts";

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** JSON safe inside a `<script type="application/json">` block (no `</script>` break-out). */
const jsonForScriptBlock = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

/**
 * The hosted-fields page for a parent page at `parentOrigin` (already checked against the allow-list).
 * Inputs carry ids but no `name`: without the script, submitting the form sends nothing, so card
 * data can never leak into a URL or a request the page did not mean to make.
 */
export const renderHostedFieldsPage = (lang: HostedFieldsLang, parentOrigin: string, acceptedBrands: readonly CardBrand[]): string => {
  const t = HOSTED_FIELDS_LABELS[lang];
  const brands = acceptedBrands.map((b) => BRAND_NAMES[b]).join(t.listSeparator);
  // A refused brand names the accepted ones (the resident knows which card to take out instead).
  const errors = { ...t.errors, unsupported_brand: t.unsupportedBrand(brands) };
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="hosted-fields.css">
<script src="hosted-fields.js" defer></script>
</head>
<body>
<main>
<form id="card-form" novalidate data-parent-origin="${escapeHtml(parentOrigin)}" aria-label="${escapeHtml(t.title)}">
<p class="notice">${escapeHtml(t.notice)}</p>
<p id="accepted-brands" class="brands">${escapeHtml(t.accepted(brands))}</p>
<div class="field">
<label for="card-number">${escapeHtml(t.number)}</label>
<input id="card-number" type="text" inputmode="numeric" autocomplete="cc-number" maxlength="23" spellcheck="false" required aria-describedby="card-error">
</div>
<div class="row">
<div class="field">
<label for="card-expiry">${escapeHtml(t.expiry)}</label>
<input id="card-expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" maxlength="7" spellcheck="false" required aria-describedby="card-error">
</div>
<div class="field">
<label for="card-cvc">${escapeHtml(t.cvc)}</label>
<input id="card-cvc" type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" spellcheck="false" required aria-describedby="card-error">
</div>
</div>
<div class="field">
<label for="card-name">${escapeHtml(t.name)}</label>
<input id="card-name" type="text" autocomplete="cc-name" maxlength="100" spellcheck="false" required aria-describedby="card-error">
</div>
<p id="card-error" role="alert" aria-live="assertive"></p>
<button id="pay-button" type="submit">${escapeHtml(t.pay)}</button>
</form>
</main>
<script type="application/json" id="card-messages">${jsonForScriptBlock(errors)}</script>
</body>
</html>
`;
};

/** The page shown instead of the form when `?origin=` is missing or not allowed: text only, no script. */
export const renderRefusalPage = (lang: HostedFieldsLang): string => {
  const t = HOSTED_FIELDS_LABELS[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t.title)}</title>
<link rel="stylesheet" href="hosted-fields.css">
</head>
<body>
<main><p id="refused" role="alert">${escapeHtml(t.refused)}</p></main>
</body>
</html>
`;
};
