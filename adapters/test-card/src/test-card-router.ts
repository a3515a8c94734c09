import type { Clock } from "@madoguchi/core";
import { Schema } from "effect";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { ResultAsync } from "neverthrow";
import { toWholeSeconds } from "./certificate-builder.ts";
import { readTestCardInfo } from "./read-test-card-info.ts";
import type { SerialQueue } from "./serial-queue.ts";
import { signDetached } from "./sign-detached.ts";
import { SIGNATURE_PASSWORD_PATTERN } from "./signature-password.ts";
import type { TestCardError } from "./test-card.errors.ts";
import type { TestCard } from "./test-card.ts";

/** Dependencies of {@link createTestCardRouter}; a `TestCardSetup` plus a clock fits. */
export interface TestCardRouterDeps {
  getCard(): ResultAsync<TestCard, TestCardError>;
  saveCard(card: TestCard): ResultAsync<void, TestCardError>;
  /** The card's one queue, shared with every other user of the card (a `TestCardSetup`'s `exclusive`). */
  readonly exclusive: SerialQueue;
  readonly clock: Clock;
}

/** Largest content the card signs over HTTP (base64 JSON body limit). */
const BODY_LIMIT = "1mb";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const SignRequestSchema = Schema.Struct({
  contentBase64: Schema.String.check(Schema.isPattern(BASE64)),
  password: Schema.String.check(Schema.isPattern(SIGNATURE_PASSWORD_PATTERN)),
});

type ErrorBody = { readonly error: { readonly code: string; readonly message?: string; readonly triesLeft?: number } };

const send = (res: Response, status: number, body: object) => {
  res.status(status).set("Cache-Control", "no-store").json(body);
};

const failure = (res: Response, status: number, code: string, extra: Omit<ErrorBody["error"], "code"> = {}) =>
  send(res, status, { error: { code, ...extra } } satisfies ErrorBody);

// Storage or crypto trouble: the message stays on the server side, the client gets a stable code.
const unavailable = (res: Response) => failure(res, 500, "test_card.unavailable");

/**
 * The test card as a browser sees it — a stand-in for the smartphone JPKI app:
 *
 * - `POST /api/sign` `{ contentBase64, password }` → 200 `{ cmsBase64 }` (detached CMS, DER, base64);
 *   401 `{ error: { code: "test_card.wrong_password", triesLeft } }`; 423 `{ error: { code:
 *   "test_card.locked" } }`; 400 `{ error: { code: "test_card.invalid_request", message } }`.
 * - `GET /api/card` → `{ holderName, notAfter, triesLeft, locked }` (`notAfter` ISO 8601).
 *
 * Card access goes through the card's one queue (`deps.exclusive`, shared with the card signer), so two
 * concurrent signs — or a sign and a card login — can never both use the last try.
 */
export const createTestCardRouter = (deps: TestCardRouterDeps): Router => {
  const router = express.Router();
  const exclusive = deps.exclusive;

  router.post("/api/sign", express.json({ limit: BODY_LIMIT }), async (req: Request, res: Response) => {
    const decoded = Schema.decodeUnknownResult(SignRequestSchema)(req.body, { errors: "all" });
    if (decoded._tag === "Failure") {
      failure(res, 400, "test_card.invalid_request", { message: decoded.failure.message });
      return;
    }
    const content = new Uint8Array(Buffer.from(decoded.success.contentBase64, "base64"));
    const password = decoded.success.password;
    await exclusive(async () => {
      const card = await deps.getCard();
      if (card.isErr()) return unavailable(res);
      const signed = await signDetached(card.value, content, {
        password,
        signingTime: toWholeSeconds(deps.clock.now()),
      });
      const after = signed.isOk() ? signed.value.card : signed.error.card;
      if (after !== undefined && (await deps.saveCard(after)).isErr()) return unavailable(res);
      if (signed.isOk()) return send(res, 200, { cmsBase64: Buffer.from(signed.value.cms).toString("base64") });
      switch (signed.error.reason) {
        case "wrong_password":
          return failure(res, 401, "test_card.wrong_password", { triesLeft: signed.error.triesLeft ?? 0 });
        case "locked":
          return failure(res, 423, "test_card.locked");
        case "invalid_input":
          return failure(res, 400, "test_card.invalid_request", { message: signed.error.message });
        case "corrupt":
        case "unavailable":
          return unavailable(res);
      }
    });
  });

  router.get("/api/card", async (_req: Request, res: Response) => {
    const card = await deps.getCard();
    const info = card.andThen(readTestCardInfo);
    if (info.isErr()) return unavailable(res);
    send(res, 200, {
      holderName: info.value.holderName,
      notAfter: info.value.notAfter.toISOString(),
      triesLeft: info.value.triesLeft,
      locked: info.value.locked,
    });
  });

  // Body-parser failures (bad JSON, too large) arrive here; anything else is a bug and goes on to the app.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return failure(res, status === 413 ? 413 : 400, "test_card.invalid_request");
    }
    next(error);
  });

  return router;
};
