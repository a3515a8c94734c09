import type { HostedFieldsLang } from "./hosted-fields.labels.ts";

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The one-time code the sandbox issuer accepts; any other code fails the challenge. */
export const CHALLENGE_PASS_CODE = "123456";

const LABELS = {
  ja: {
    title: "本人認証（3-Dセキュア）",
    notice: "テスト用のカード会社画面です。認証コード 123456 を入力すると認証に成功し、それ以外は失敗します。",
    code: "認証コード（ワンタイムパスワード）",
    submit: "認証する",
    passed: "本人認証が完了しました。元の画面に戻ります。",
    failed: "本人認証に失敗しました。元の画面に戻ります。",
    unknown: "この認証は見つかりませんでした。",
  },
  en: {
    title: "Identity check (3-D Secure)",
    notice: "A test card issuer page. Enter the code 123456 to pass; any other code fails.",
    code: "One-time passcode",
    submit: "Authenticate",
    passed: "You are authenticated. Returning to the application.",
    failed: "Authentication failed. Returning to the application.",
    unknown: "This authentication was not found.",
  },
} as const;

const page = (lang: HostedFieldsLang, body: string): string => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(LABELS[lang].title)}</title>
<link rel="stylesheet" href="/hosted-fields.css">
<script src="/challenge.js" defer></script>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;

/** The issuer's challenge form (posts to itself, on the sandbox's origin). */
export const renderChallengePage = (lang: HostedFieldsLang, parentOrigin: string): string => {
  const t = LABELS[lang];
  return page(
    lang,
    `<h1>${escapeHtml(t.title)}</h1>
<p class="notice">${escapeHtml(t.notice)}</p>
<form id="challenge-form" method="post">
<input type="hidden" name="origin" value="${escapeHtml(parentOrigin)}">
<input type="hidden" name="lang" value="${lang}">
<div class="field">
<label for="challenge-code">${escapeHtml(t.code)}</label>
<input id="challenge-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>
</div>
<button id="challenge-submit" type="submit">${escapeHtml(t.submit)}</button>
</form>`,
  );
};

/** After the answer: tells the parent page (only `parentOrigin`) through challenge.js that it may continue. */
export const renderChallengeDonePage = (lang: HostedFieldsLang, parentOrigin: string, passed: boolean): string => {
  const t = LABELS[lang];
  return page(lang, `<p id="challenge-done" role="status" data-parent-origin="${escapeHtml(parentOrigin)}" data-passed="${passed}">${escapeHtml(passed ? t.passed : t.failed)}</p>`);
};

/** An unknown challenge or a parent origin not allowed. */
export const renderChallengeRefusal = (lang: HostedFieldsLang): string => page(lang, `<p id="refused" role="alert">${escapeHtml(LABELS[lang].unknown)}</p>`);
