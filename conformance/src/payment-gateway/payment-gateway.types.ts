import type { PaymentCapability, PaymentGateway, WebhookDelivery } from "@madoguchi/core";
import type { PaymentGatewayFaults } from "./fault-proxy.ts";

/** Builds a ready {@link PaymentGateway} for one test (state may be shared with other tests: keys are unique). */
export type MakePaymentGateway = () => PaymentGateway | Promise<PaymentGateway>;

/**
 * Fresh single-use card tokens, obtained the way a browser would (the suite never sees a card).
 * `timeoutAfterCommit` yields a token whose authorisation the gateway commits but answers only after
 * the adapter's timeout; give it when the gateway can simulate that, to test reconciliation.
 */
export interface PaymentGatewayTestTokens {
  success(): Promise<string>;
  declined(): Promise<string>;
  timeoutAfterCommit?(): Promise<string>;
  /** A card whose authorisation answers `challenge_required` (needed when `threeDSecure` is declared). */
  challenge?(): Promise<string>;
}

/**
 * What the suite drives besides the adapter. `faults` is required: every adapter proves it ends with the
 * right money in the right place under timeouts after commit and 5xx (use {@link startFaultProxy}).
 * `challenges` is required with `threeDSecure`, `webhooks` with `webhooks`, `settlement` with `settlementRecords`.
 */
export interface PaymentGatewayHarness {
  readonly faults?: PaymentGatewayFaults;
  /** Answers a 3-D Secure challenge as the resident would in the browser, passing or failing it. */
  readonly challenges?: { answer(challengeUrl: string, pass: boolean): Promise<void> };
  /** Every webhook delivery the gateway has made so far, as received (raw body and lower-case headers). */
  readonly webhooks?: { deliveries(): readonly WebhookDelivery[] };
  /**
   * Required with `settlementRecords`: how many records the adapter asks per page of the gateway's list
   * (configure it small, e.g. 2, so that the suite makes more records than a page and proves every page is read).
   */
  readonly settlement?: { readonly pageSize: number };
}

/** Tuning of {@link describePaymentGatewayContract}. */
export interface PaymentGatewayContractOptions {
  /** fast-check runs per property and model-based run (default 10: every run makes real calls). */
  readonly numRuns?: number;
  /** Per-test timeout in ms (default 30 000: gateways are remote). */
  readonly testTimeoutMs?: number;
}

/** Everything a case needs. */
export interface PaymentGatewayCaseContext {
  readonly makeGateway: MakePaymentGateway;
  readonly tokens: PaymentGatewayTestTokens;
  readonly options: PaymentGatewayContractOptions;
  readonly harness?: PaymentGatewayHarness;
}

/** One named check of the payment-gateway contract: throws (via `expect`) when the adapter breaks it. */
export interface PaymentGatewayCase {
  readonly name: string;
  /** Runs only when the test tokens include `timeoutAfterCommit`. */
  readonly needsTimeoutAfterCommit?: boolean;
  /** Runs only when the adapter declares this capability. */
  readonly capability?: PaymentCapability;
  readonly run: (context: PaymentGatewayCaseContext) => Promise<void>;
}

