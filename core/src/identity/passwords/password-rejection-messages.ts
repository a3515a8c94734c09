import { assertNever } from "../../shared/assert-never.ts";
import type { Localized } from "../../shared/localized.ts";
import type { ContextWordKind } from "./password-context.ts";
import type { PasswordRejected } from "./password-rejection.ts";

const CONTEXT_WORD_NAMES: { readonly [K in ContextWordKind]: Localized } = {
  city_name: { ja: "自治体名", en: "the name of the municipality" },
  service_name: { ja: "サービス名", en: "the name of this service" },
  user_id: { ja: "ログインID", en: "your login ID" },
  email: { ja: "メールアドレス", en: "your email address" },
  email_local_part: { ja: "メールアドレスの@より前の部分", en: "the part of your email address before the @" },
};

/**
 * The message shown to the person choosing a password, Japanese first. Says what to do next; never
 * repeats the password. Exhaustive over the reasons.
 */
export const passwordRejectionMessage = (rejection: PasswordRejected): Localized => {
  switch (rejection.reason) {
    case "too_short":
      return {
        ja: `パスワードは${rejection.minCodePoints}文字以上にしてください。覚えやすい長い文（パスフレーズ）がおすすめです。`,
        en: `Use at least ${rejection.minCodePoints} characters. A long phrase you can remember works well.`,
      };
    case "too_long":
      return {
        ja: `パスワードは${rejection.maxCodePoints}文字以内にしてください。`,
        en: `Use at most ${rejection.maxCodePoints} characters.`,
      };
    case "common_password":
      return {
        ja: "このパスワードはよく使われていて推測されやすいため使えません。別のパスワードにしてください。",
        en: "This password is too common and easy to guess. Please choose another.",
      };
    case "context_word": {
      const word = CONTEXT_WORD_NAMES[rejection.contextWord ?? "service_name"];
      return {
        ja: `${word.ja}と同じパスワードは使えません。別のパスワードにしてください。`,
        en: `Your password cannot be ${word.en}. Please choose another.`,
      };
    }
    case "repetitive_or_sequential":
      return {
        ja: "同じ文字の繰り返しや「12345678」「abcdefgh」のような連続した文字は使えません。",
        en: "Repeated characters or simple sequences such as 12345678 or abcdefgh cannot be used.",
      };
    default:
      return assertNever(rejection.reason);
  }
};
