import { randomUUID } from "node:crypto";
import { err, ok, type Result } from "neverthrow";
import { errorCodeOf, exchange, type Exchange } from "./exchange.ts";
import type { InFlight } from "./in-flight.ts";

/** Where the benchmark sends its requests. */
export interface BenchTarget {
  readonly url: string;
  readonly sandboxOrigin: string;
}

/** The four steps of a resident's submission, in the order the browser takes them. */
export type FlowStep = "prepare" | "sign" | "tokenise" | "submit";

/** A step that did not get the answer a working system gives. Codes only: no bodies, no personal data. */
export interface StepFailure {
  readonly step: FlowStep | "procedures" | "staff-login" | "staff-list";
  readonly status: number;
  readonly code: string;
}

/** `step status code`, the key under which failures are counted in the report. */
export const failureKind = (f: StepFailure): string => `${f.step} ${f.status} ${f.code}`;

/** The failure of a step from the answer it got. */
export const stepFailure = (step: StepFailure["step"], x: Exchange): StepFailure => ({ step, status: x.status, code: errorCodeOf(x.body) });

/** Password of the software test card (the stand-in for the My Number card's signature PIN). */
export const TEST_CARD_PASSWORD = "MADO1234";
/** The sandbox's always-approved VISA test card. */
const APPROVED_CARD = "4242424242424242";

/**
 * A valid 住民票 request as the web app sends it to prepare. The resident is fictitious; only the
 * submission key differs between residents (one per attempt, as the browser makes it).
 */
export const residentInput = () => ({
  procedureId: "juminhyo",
  locale: "ja",
  submissionKey: randomUUID().replaceAll("-", ""),
  applicant: {
    name: "窓口 太郎",
    nameKana: "まどぐち たろう",
    postalCode: "１００－０００１",
    address: "みほん県みほん市中央一丁目1番1号",
    dateOfBirth: "昭和50年3月4日",
    phone: "０３－１２３４－５６７８",
    email: "taro@example.jp",
  },
  request: { copies: "２", deliveryMethodId: "standard", extra: {} },
});

/** The body of {@link residentInput}. */
export type ResidentInput = ReturnType<typeof residentInput>;

/** `POST /api/applications/prepare`: validation, fee and the canonical document to sign. */
export const prepare = (t: BenchTarget, input: ResidentInput) => exchange(`${t.url}/api/applications/prepare`, { body: input });

/** The test card signs the canonical JSON (detached CMS), as the JPKI app would on the resident's phone. */
export const sign = (t: BenchTarget, canonicalJson: string) =>
  exchange(`${t.url}/test-card/api/sign`, {
    body: { contentBase64: Buffer.from(canonicalJson, "utf8").toString("base64"), password: TEST_CARD_PASSWORD },
  });

/** The sandbox's hosted fields tokenise a card on the gateway's own origin (the card never reaches madoguchi). */
export const tokenise = (t: BenchTarget) =>
  exchange(`${t.sandboxOrigin}/v1/tokens`, {
    body: { number: APPROVED_CARD, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: "123", name: "TARO MADOGUCHI" },
  });

/** `POST /api/applications`: verify the signature, authorise the card, store with the outbox message. */
export const submit = (t: BenchTarget, body: unknown) => exchange(`${t.url}/api/applications`, { body });

/** A submission body with its signature and single-use card token, ready to be sent. */
export interface ReadySubmission {
  readonly body: unknown;
  readonly ms: { readonly prepare: number; readonly sign: number; readonly tokenise: number };
}

const stringField = (body: unknown, key: string): string | null => {
  const v = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" ? v : null;
};

/** A step before the submission failed; the steps that got an answer keep their latency (a failure is a response too). */
export interface PreparationFailure {
  readonly failure: StepFailure;
  readonly ms: Partial<Record<FlowStep, number>>;
}

/** Everything a resident does before submitting: prepare, sign, tokenise. */
export const prepareSignTokenise = async (t: BenchTarget, input: ResidentInput): Promise<Result<ReadySubmission, PreparationFailure>> => {
  const prepared = await prepare(t, input);
  const canonicalJson = stringField(prepared.body, "canonicalJson");
  if (prepared.status !== 200 || canonicalJson === null) {
    return err({ failure: stepFailure("prepare", prepared), ms: { prepare: prepared.ms } });
  }
  const signed = await sign(t, canonicalJson);
  const cmsBase64 = stringField(signed.body, "cmsBase64");
  if (signed.status !== 200 || cmsBase64 === null) {
    return err({ failure: stepFailure("sign", signed), ms: { prepare: prepared.ms, sign: signed.ms } });
  }
  const tokenised = await tokenise(t);
  const token = stringField(tokenised.body, "token");
  if ((tokenised.status !== 200 && tokenised.status !== 201) || token === null) {
    return err({ failure: stepFailure("tokenise", tokenised), ms: { prepare: prepared.ms, sign: signed.ms, tokenise: tokenised.ms } });
  }
  return ok({
    body: { ...input, signature: { cmsBase64 }, payment: { token } },
    ms: { prepare: prepared.ms, sign: signed.ms, tokenise: tokenised.ms },
  });
};

/** The receipt of a first submission (201). A replay (200) would mean the key was used twice: a failure here. */
export const receiptOf = (submitted: Exchange): Result<string, StepFailure> => {
  const receiptNumber = stringField(submitted.body, "receiptNumber");
  return submitted.status === 201 && receiptNumber !== null ? ok(receiptNumber) : err(stepFailure("submit", submitted));
};

/** What one resident's complete submission took, step by step, and how it ended. */
export interface FlowOutcome {
  /** Latency of each step that got an answer. */
  readonly ms: Partial<Record<FlowStep, number>>;
  /** From the first request to the last answer. */
  readonly totalMs: number;
  /** When the submission was in flight (`performance.now()`), `null` if the flow did not get that far. */
  readonly submitWindow: InFlight | null;
  readonly receipt: Result<string, StepFailure>;
}

/** One resident's complete submission: prepare, sign, tokenise, submit. */
export const residentFlow = async (t: BenchTarget): Promise<FlowOutcome> => {
  const started = performance.now();
  const ready = await prepareSignTokenise(t, residentInput());
  if (ready.isErr()) {
    return { ms: ready.error.ms, totalMs: performance.now() - started, submitWindow: null, receipt: err(ready.error.failure) };
  }
  const submitted = await submit(t, ready.value.body);
  return {
    ms: { ...ready.value.ms, submit: submitted.ms },
    totalMs: performance.now() - started,
    submitWindow: { from: submitted.startedAt, to: submitted.startedAt + submitted.ms },
    receipt: receiptOf(submitted),
  };
};
