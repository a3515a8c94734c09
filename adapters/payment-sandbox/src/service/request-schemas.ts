import { Result as EffectResult, Schema } from "effect";

/** Body of `POST /v1/tokens`, as the hosted fields send it. */
export const TokenRequest = Schema.Struct({
  number: Schema.String.check(Schema.isMaxLength(40)),
  expMonth: Schema.Int,
  expYear: Schema.Int,
  cvc: Schema.String.check(Schema.isMaxLength(8)),
  name: Schema.String.check(Schema.isMaxLength(200)),
});

const Amount = Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 99_999_999 }));

/** Body of `POST /v1/authorizations`. */
export const AuthorizeRequestBody = Schema.Struct({
  token: Schema.String.check(Schema.isBetweenLength(1, 200)),
  amount: Amount,
  description: Schema.String.check(Schema.isMaxLength(200)),
});

/** Body of `POST /v1/authorizations/:id/capture`. */
export const CaptureRequestBody = Schema.Struct({ amount: Amount });

/** An `Idempotency-Key` header: 1–255 visible ASCII characters. */
export const isIdempotencyKey = (value: string | undefined): value is string =>
  value !== undefined && /^[\x21-\x7e]{1,255}$/.test(value);

/**
 * Decodes `input` with `schema`: the value, or the schema's message (paths and expectations only —
 * effect's messages do not quote the input, which matters when the input is a card).
 */
export const decode = <T>(
  schema: Schema.ConstraintDecoder<T>,
  input: unknown,
): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string } => {
  const result = Schema.decodeUnknownResult(schema)(input, { errors: "all" });
  return EffectResult.isSuccess(result) ? { ok: true, value: result.success } : { ok: false, message: result.failure.message };
};
