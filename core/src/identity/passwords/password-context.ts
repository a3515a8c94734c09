import { foldForComparison } from "./password-text.ts";

/** What a context word is, so that a rejection can say which one matched. */
export type ContextWordKind = "city_name" | "service_name" | "user_id" | "email" | "email_local_part";

/** A word tied to this service or this person that must not be the password (800-63B-4 §3.1.1.2: "context-specific words, such as the name of the service, the username"). */
export interface ContextWord {
  readonly kind: ContextWordKind;
  readonly value: string;
}

/** The context of a password being set: the service and the account it is for. */
export interface PasswordContext {
  /** The municipality's names, e.g. `["千代田区", "Chiyoda", "chiyoda-city"]`. */
  readonly cityNames: readonly string[];
  /** The service's names, e.g. `["madoguchi", "窓口"]`. */
  readonly serviceNames: readonly string[];
  /** The login id of the account, if it has one. */
  readonly userId: string | null;
  /** The account's email address, if it has one: the whole address and its local part are both refused. */
  readonly email: string | null;
}

/** An empty context (tests, or a service that has none configured). */
export const NO_PASSWORD_CONTEXT: PasswordContext = { cityNames: [], serviceNames: [], userId: null, email: null };

/** The context words to refuse, in a fixed order (city, service, user id, email, local part). Blank words are dropped. */
export const contextWords = (context: PasswordContext): readonly ContextWord[] => {
  const words: ContextWord[] = [
    ...context.cityNames.map((value) => ({ kind: "city_name" as const, value })),
    ...context.serviceNames.map((value) => ({ kind: "service_name" as const, value })),
  ];
  if (context.userId !== null) words.push({ kind: "user_id", value: context.userId });
  if (context.email !== null) {
    words.push({ kind: "email", value: context.email });
    const at = context.email.lastIndexOf("@");
    if (at > 0) words.push({ kind: "email_local_part", value: context.email.slice(0, at) });
  }
  return words.filter((w) => foldForComparison(w.value).trim().length > 0);
};

/** The first context word that equals `password` after NFKC and case folding, or `null`. */
export const matchingContextWord = (password: string, context: PasswordContext): ContextWord | null => {
  const key = foldForComparison(password);
  return contextWords(context).find((w) => foldForComparison(w.value) === key) ?? null;
};
