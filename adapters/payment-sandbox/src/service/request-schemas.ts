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

const Id = Schema.String.check(Schema.isBetweenLength(1, 200));
const Description = Schema.String.check(Schema.isMaxLength(200));

/** Body of `POST /v1/authorizations`: a single-use token, or a customer's saved card. */
export const AuthorizeRequestBody = Schema.Union([
  Schema.Struct({ token: Id, amount: Amount, description: Description }),
  Schema.Struct({ customerId: Id, cardId: Id, amount: Amount, description: Description }),
]);

/** Body of `POST /v1/authorizations/:id/capture` and `…/refund`. */
export const AmountBody = Schema.Struct({ amount: Amount });

/** Body of `POST /v1/customers`: the merchant's own opaque reference. */
export const CustomerRequestBody = Schema.Struct({ reference: Id });

/** Body of saving or replacing a card: a hosted-fields token. */
export const CardTokenBody = Schema.Struct({ token: Id });

/** Query of `GET /v1/settlement-records`: ISO instants, an optional page size (1–100) and cursor. */
export const SettlementQuery = Schema.Struct({
  from: Schema.String.check(Schema.isMaxLength(40)),
  to: Schema.String.check(Schema.isMaxLength(40)),
  limit: Schema.optional(Schema.String.check(Schema.isPattern(/^(?:[1-9]\d?|100)$/))),
  starting_after: Schema.optional(Id),
});

/** The challenge form's fields. */
export const ChallengeAnswerBody = Schema.Struct({
  origin: Schema.String.check(Schema.isMaxLength(200)),
  lang: Schema.optional(Schema.String.check(Schema.isMaxLength(4))),
  code: Schema.String.check(Schema.isMaxLength(8)),
});

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
