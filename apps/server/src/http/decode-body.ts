import { Result as EffectResult, Schema } from "effect";
import type { Request, Response } from "express";
import type { Locale } from "@madoguchi/core";

const INVALID = { ja: "リクエストの形式が正しくありません。", en: "The request is malformed." } as const;

/**
 * Decodes a request body with an effect Schema at the boundary. On failure answers 400 with the
 * paths that are wrong (never the values, which may be personal data) and returns null.
 */
export const decodeBody = <S extends Schema.Codec<unknown, unknown>>(
  schema: S,
  req: Request,
  res: Response,
  locale: Locale,
): S["Type"] | null => {
  const decoded = Schema.decodeUnknownResult(schema as never)(req.body ?? {}, { errors: "all" }) as EffectResult.Result<S["Type"], Schema.SchemaError>;
  if (EffectResult.isSuccess(decoded)) return decoded.success;
  const paths = [...String(decoded.failure).matchAll(/at \[([^\]]*)\]/g)].map((m) => m[1]?.replaceAll('"', "").replaceAll(",", ".") ?? "");
  res.status(400).json({
    error: { code: "request.malformed", message: INVALID[locale] },
    errors: [...new Set(paths)].map((field) => ({ field, code: "invalid_type", message: INVALID[locale] })),
  });
  return null;
};

/** A receipt number `YYYYMMDD-XXXXXX` (Crockford base32), also accepted in lower case. */
export const ReceiptNumberText = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{8}-[0-9A-Za-z]{6}$/)));

/** Body of the resident's status lookup and withdrawal. */
export const ResidentCredentialsBody = Schema.Struct({
  receiptNumber: ReceiptNumberText,
  accessSecret: Schema.String.pipe(Schema.check(Schema.isMinLength(16), Schema.isMaxLength(128))),
  locale: Schema.optional(Schema.Literals(["ja", "en"])),
});

/** The parts of a submission beyond the application input (which core validates field by field). */
export const SubmitExtrasBody = Schema.Struct({
  signature: Schema.NullOr(Schema.Struct({ cmsBase64: Schema.String.pipe(Schema.check(Schema.isMaxLength(64 * 1024))) })),
  // A hosted-fields token, or the logged-in resident's saved card (R6) by its gateway id; null for a
  // 事後決済 procedure (after_assessment: paid once staff fix the amount, ADR 26).
  payment: Schema.NullOr(
    Schema.Union([
      Schema.Struct({ token: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))) }),
      Schema.Struct({ savedCardId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))) }),
    ]),
  ),
});
