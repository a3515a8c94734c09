import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signStripeWebhook } from "../../src/index.ts";
import { createBalanceTransactionBook } from "./stripe-balance-transactions.ts";
import { stripeLikeId } from "./stripe-ids.ts";
import { CARD_FRAME_HTML, CARD_FRAME_JS, STRIPE_JS_IMITATION } from "./stripe-js-imitation.ts";
import { STRIPE_TEST_CARDS } from "./stripe-test-cards.ts";

/** Paths of the Stripe.js imitation, as Stripe serves Stripe.js at https://js.stripe.com/v3/. */
const STRIPE_JS_ASSETS: Readonly<Record<string, { readonly type: string; readonly body: string }>> = {
  "/v3/": { type: "text/javascript; charset=utf-8", body: STRIPE_JS_IMITATION },
  "/v3": { type: "text/javascript; charset=utf-8", body: STRIPE_JS_IMITATION },
  "/elements/card-frame.html": { type: "text/html; charset=utf-8", body: CARD_FRAME_HTML },
  "/elements/card-frame.js": { type: "text/javascript; charset=utf-8", body: CARD_FRAME_JS },
};

/**
 * A local stand-in for Stripe's API, written from Stripe's public API reference and docs (ADR 0028),
 * loopback only, state in memory. It implements what the adapter uses, the way the reference
 * describes it: form-encoded bodies with bracketed keys, Bearer or Basic secret-key authentication,
 * `Idempotency-Key` (the first answer is replayed; other parameters under the same key are an
 * `idempotency_error`), the error body `{ error: { type, code, decline_code, param, message } }`,
 * PaymentIntents with manual capture and 3-D Secure (`requires_action` + `redirect_to_url`), Refunds,
 * Customers, PaymentMethods (attach, detach, single use unless attached), search by metadata, and
 * webhooks signed with `Stripe-Signature` to one endpoint subscribed to the events we read.
 * It is not Stripe: where the documentation does not say, ADR 0028 lists what we assumed.
 */
export interface StripeContractServerOptions {
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly webhookUrl?: string;
  readonly webhookSecret?: string;
}

export interface StripeContractServer {
  readonly url: string;
  close(): Promise<void>;
}

type Params = Record<string, string | string[] | Record<string, string>>;
interface Answer {
  readonly status: number;
  readonly body: unknown;
}
/** An answer that Stripe does not keep under the idempotency key: the request failed validation before executing. */
class Refusal {
  readonly answer: Answer;
  constructor(answer: Answer) {
    this.answer = answer;
  }
}

interface PaymentMethod {
  id: string;
  number: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  customer: string | null;
  metadata: Record<string, string>;
  /** Used in a payment without being attached to a customer, or detached: can never be used again. */
  spent: boolean;
}
interface Charge {
  id: string;
  amount: number;
  amountCaptured: number;
  amountRefunded: number;
  captured: boolean;
  paymentIntent: string;
  brand: string;
  last4: string;
  metadata: Record<string, string>;
}
interface PaymentIntent {
  id: string;
  amount: number;
  amountCapturable: number;
  amountReceived: number;
  status: "requires_payment_method" | "requires_action" | "requires_capture" | "succeeded" | "canceled";
  paymentMethod: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  latestCharge: string | null;
  returnUrl: string | null;
  lastPaymentError: { type: string; code: string; decline_code?: string } | null;
  created: number;
}

const id = stripeLikeId;
const now = () => Math.floor(Date.now() / 1000);
const error = (status: number, type: string, message: string, extra: Record<string, unknown> = {}): Answer => ({ status, body: { error: { type, message, ...extra } } });
const invalid = (message: string, extra: Record<string, unknown> = {}) => new Refusal(error(400, "invalid_request_error", message, extra));
const missing = (what: string, value: string, param?: string) =>
  new Refusal(error(404, "invalid_request_error", `No such ${what}: '${value}'`, { code: "resource_missing", ...(param === undefined ? {} : { param }) }));

/** `a[b]=c` and `a[]=c` into one level of nesting, as Stripe reads its forms. */
const parseForm = (text: string): Params => {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const array = /^([^[]+)\[\]$/.exec(key);
    const nested = /^([^[]+)\[([^\]]+)\]$/.exec(key);
    if (array?.[1] !== undefined) out[array[1]] = [...((out[array[1]] as string[] | undefined) ?? []), value];
    else if (nested?.[1] !== undefined && nested[2] !== undefined) out[nested[1]] = { ...((out[nested[1]] as Record<string, string> | undefined) ?? {}), [nested[2]]: value };
    else out[key] = value;
  }
  return out;
};
const str = (p: Params, name: string): string | undefined => (typeof p[name] === "string" ? (p[name] as string) : undefined);
const map = (p: Params, name: string): Record<string, string> => (typeof p[name] === "object" && !Array.isArray(p[name]) ? (p[name] as Record<string, string>) : {});
const list = (p: Params, name: string): string[] => (Array.isArray(p[name]) ? (p[name] as string[]) : []);
const int = (p: Params, name: string): number | undefined => {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw invalid(`Invalid integer: ${name}`, { param: name, code: "parameter_invalid_integer" });
  return Number(v);
};

export const startStripeContractServer = async (options: StripeContractServerOptions): Promise<StripeContractServer> => {
  const paymentMethods = new Map<string, PaymentMethod>();
  const intents = new Map<string, PaymentIntent>();
  const charges = new Map<string, Charge>();
  const customers = new Map<string, { id: string; metadata: Record<string, string> }>();
  const idempotency = new Map<string, { fingerprint: string; answer: Answer }>();
  const balance = createBalanceTransactionBook(); // ADR 0029: captures and refunds as balance transactions
  let base = "";

  // Webhooks: one endpoint, subscribed to the events the adapter reads; sent one at a time, in order.
  let outbox = Promise.resolve();
  const emit = (type: string, object: unknown) => {
    const { webhookUrl, webhookSecret } = options;
    if (webhookUrl === undefined || webhookSecret === undefined) return;
    const event = { id: id("evt"), object: "event", api_version: "2024-06-20", created: now(), livemode: false, type, data: { object } };
    const body = JSON.stringify(event);
    outbox = outbox.then(async () => {
      try {
        await fetch(webhookUrl, { method: "POST", headers: { "Content-Type": "application/json", "Stripe-Signature": signStripeWebhook(webhookSecret, event.created, body) }, body });
      } catch {
        // Stripe retries later; the tests read what arrived.
      }
    });
  };

  const pmJson = (pm: PaymentMethod) => ({
    id: pm.id,
    object: "payment_method",
    type: "card",
    card: { brand: pm.brand, last4: pm.last4, exp_month: pm.expMonth, exp_year: pm.expYear, funding: "credit", country: "JP" },
    customer: pm.customer,
    metadata: pm.metadata,
    livemode: false,
  });
  const chargeJson = (c: Charge) => ({
    id: c.id,
    object: "charge",
    amount: c.amount,
    amount_captured: c.amountCaptured,
    amount_refunded: c.amountRefunded,
    captured: c.captured,
    refunded: c.amountRefunded === c.amount,
    currency: "jpy",
    status: "succeeded",
    paid: true,
    payment_intent: c.paymentIntent,
    payment_method_details: { type: "card", card: { brand: c.brand, last4: c.last4 } },
    metadata: c.metadata,
  });
  const piJson = (pi: PaymentIntent, expand: readonly string[]) => ({
    id: pi.id,
    object: "payment_intent",
    amount: pi.amount,
    amount_capturable: pi.amountCapturable,
    amount_received: pi.amountReceived,
    capture_method: "manual",
    currency: "jpy",
    created: pi.created,
    customer: pi.customer,
    description: pi.description,
    metadata: pi.metadata,
    payment_method: pi.paymentMethod,
    status: pi.status,
    latest_charge: pi.latestCharge === null ? null : expand.includes("latest_charge") ? chargeJson(charges.get(pi.latestCharge) as Charge) : pi.latestCharge,
    next_action: pi.status === "requires_action" ? { type: "redirect_to_url", redirect_to_url: { url: `${base}/__test/3ds/${pi.id}`, return_url: pi.returnUrl } } : null,
    last_payment_error: pi.lastPaymentError,
  });

  /** The card has been authorised: a charge holding the amount, capturable. */
  const authorise = (pi: PaymentIntent, pm: PaymentMethod) => {
    const charge: Charge = { id: id("ch"), amount: pi.amount, amountCaptured: 0, amountRefunded: 0, captured: false, paymentIntent: pi.id, brand: pm.brand, last4: pm.last4, metadata: {} };
    charges.set(charge.id, charge);
    pi.latestCharge = charge.id;
    pi.status = "requires_capture";
    pi.amountCapturable = pi.amount;
    emit("payment_intent.amount_capturable_updated", piJson(pi, []));
  };

  const intentOr404 = (piId: string) => {
    const pi = intents.get(piId);
    if (pi === undefined) throw missing("payment_intent", piId);
    return pi;
  };
  const unexpectedState = (pi: PaymentIntent, action: string): Answer =>
    error(400, "invalid_request_error", `This PaymentIntent could not be ${action} because it has a status of ${pi.status}.`, { code: "payment_intent_unexpected_state", payment_intent: piJson(pi, []) });

  const createIntent = (p: Params): Answer => {
    const amount = int(p, "amount");
    if (amount === undefined || amount < 1) throw invalid("Missing required param: amount.", { param: "amount", code: "parameter_missing" });
    if (str(p, "currency") !== "jpy") throw invalid("Invalid currency", { param: "currency" });
    const pmId = str(p, "payment_method") ?? "";
    const pm = paymentMethods.get(pmId);
    if (pm === undefined) throw invalid(`No such PaymentMethod: '${pmId}'`, { param: "payment_method", code: "resource_missing" });
    const customer = str(p, "customer") ?? null;
    if (customer !== null && !customers.has(customer)) throw invalid(`No such customer: '${customer}'`, { param: "customer", code: "resource_missing" });
    if (pm.spent) throw invalid("The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.", { param: "payment_method" });
    if (pm.customer !== null && pm.customer !== customer) throw invalid("The provided PaymentMethod belongs to a different Customer (or to one that was not given).", { param: "payment_method" });
    if (pm.customer === null && customer !== null) throw invalid("The PaymentMethod must be attached to the Customer to be used with it.", { param: "payment_method" });
    const pi: PaymentIntent = {
      id: id("pi"),
      amount,
      amountCapturable: 0,
      amountReceived: 0,
      status: "requires_payment_method",
      paymentMethod: pm.id,
      customer,
      description: str(p, "description") ?? null,
      metadata: map(p, "metadata"),
      latestCharge: null,
      returnUrl: str(p, "return_url") ?? null,
      lastPaymentError: null,
      created: now(),
    };
    intents.set(pi.id, pi);
    if (str(p, "confirm") !== "true") return { status: 200, body: piJson(pi, list(p, "expand")) };
    if (str(p, "capture_method") !== "manual") throw invalid("The adapter authorises only (capture_method=manual)", { param: "capture_method" });
    if (pm.customer === null) pm.spent = true;
    const behaviour = STRIPE_TEST_CARDS[pm.number] ?? { brand: pm.brand, outcome: "succeed" as const };
    if (behaviour.outcome === "threeDSecure") {
      if (pi.returnUrl === null) throw invalid("return_url is required to confirm with a redirect", { param: "return_url" });
      pi.status = "requires_action";
      return { status: 200, body: piJson(pi, list(p, "expand")) };
    }
    if (behaviour.outcome === "succeed") {
      authorise(pi, pm);
      return { status: 200, body: piJson(pi, list(p, "expand")) };
    }
    const { code, declineCode } = behaviour.outcome;
    pi.lastPaymentError = { type: "card_error", code, ...(declineCode === undefined ? {} : { decline_code: declineCode }) };
    emit("payment_intent.payment_failed", piJson(pi, []));
    return error(402, "card_error", "Your card was declined.", { code, ...(declineCode === undefined ? {} : { decline_code: declineCode }), payment_intent: piJson(pi, []) });
  };

  const capture = (pi: PaymentIntent, p: Params): Answer => {
    if (pi.status !== "requires_capture") return unexpectedState(pi, "captured");
    const amount = int(p, "amount_to_capture") ?? pi.amountCapturable;
    if (amount < 1 || amount > pi.amountCapturable) return error(400, "invalid_request_error", "amount_to_capture must be at most the amount_capturable", { param: "amount_to_capture" });
    const charge = charges.get(pi.latestCharge ?? "") as Charge;
    pi.status = "succeeded";
    pi.amountReceived = amount;
    pi.amountCapturable = 0;
    charge.captured = true;
    charge.amountCaptured = amount;
    // A partial capture releases the rest, which the charge reports as refunded.
    charge.amountRefunded = charge.amount - amount;
    balance.book({ type: "charge", amount, paymentIntent: pi.id, source: () => chargeJson(charge) });
    emit("payment_intent.succeeded", piJson(pi, []));
    return { status: 200, body: piJson(pi, list(p, "expand")) };
  };

  const cancel = (pi: PaymentIntent, p: Params): Answer => {
    if (pi.status === "succeeded" || pi.status === "canceled") return unexpectedState(pi, "canceled");
    pi.status = "canceled";
    pi.amountCapturable = 0;
    const charge = pi.latestCharge === null ? undefined : charges.get(pi.latestCharge);
    if (charge !== undefined) charge.amountRefunded = charge.amount; // the authorisation is released
    emit("payment_intent.canceled", piJson(pi, []));
    return { status: 200, body: piJson(pi, list(p, "expand")) };
  };

  const refund = (p: Params): Answer => {
    const pi = intents.get(str(p, "payment_intent") ?? "");
    if (pi === undefined) throw invalid(`No such payment_intent: '${str(p, "payment_intent") ?? ""}'`, { param: "payment_intent", code: "resource_missing" });
    const charge = pi.latestCharge === null ? undefined : charges.get(pi.latestCharge);
    if (pi.status !== "succeeded" || charge === undefined) return error(400, "invalid_request_error", "This PaymentIntent does not have a successful charge to refund.", { param: "payment_intent" });
    const refundable = charge.amountCaptured - (charge.amountRefunded - (charge.amount - charge.amountCaptured));
    const amount = int(p, "amount") ?? refundable;
    if (amount < 1 || amount > refundable) return error(400, "invalid_request_error", `Refund amount (¥${amount}) is greater than unrefunded amount on charge (¥${refundable})`, { param: "amount" });
    charge.amountRefunded += amount;
    emit("charge.refunded", chargeJson(charge));
    const refundObject = { id: id("re"), object: "refund", amount, charge: charge.id, payment_intent: pi.id, currency: "jpy", status: "succeeded", metadata: {} };
    balance.book({ type: "refund", amount, paymentIntent: pi.id, source: () => refundObject });
    return { status: 200, body: refundObject };
  };

  const pmOr404 = (pmId: string) => {
    const pm = paymentMethods.get(pmId);
    if (pm === undefined) throw missing("payment_method", pmId);
    return pm;
  };
  const customerOr404 = (cusId: string) => {
    const c = customers.get(cusId);
    if (c === undefined) throw missing("customer", cusId);
    return c;
  };

  /** `metadata['key']:'value'` — the one search clause we use (Stripe's search query language). */
  const searchByMetadata = <T extends { metadata: Record<string, string> }>(items: Iterable<T>, query: string): T[] => {
    const m = /^metadata\['([^']+)'\]:'([^']*)'$/.exec(query);
    if (m?.[1] === undefined || m[2] === undefined) throw invalid("Unsupported search query", { param: "query" });
    const [, key, value] = m;
    return [...items].filter((item) => item.metadata[key] === value);
  };

  const route = (method: string, path: string, p: Params, key: string): Answer => {
    const segs = path.split("/").filter((s) => s !== "");
    if (segs[0] !== "v1") throw new Refusal(error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`));
    const [, resource, a, b] = segs;
    if (method === "GET" && resource === "balance" && a === undefined) return { status: 200, body: { object: "balance", available: [{ amount: 0, currency: "jpy" }], pending: [], livemode: false } };
    if (resource === "payment_methods") {
      if (method === "POST" && a === undefined) {
        // Stripe.js does this from Stripe's origin with the publishable key; the card never reaches the merchant.
        const card = map(p, "card");
        const number = (card.number ?? "").replace(/\s/g, "");
        const known = STRIPE_TEST_CARDS[number];
        if (known === undefined) return error(402, "card_error", "Your card number is incorrect.", { code: "incorrect_number", param: "card[number]" });
        const pm: PaymentMethod = { id: id("pm"), number, brand: known.brand, last4: number.slice(-4), expMonth: Number(card.exp_month ?? 12), expYear: Number(card.exp_year ?? 2034), customer: null, metadata: {}, spent: false };
        paymentMethods.set(pm.id, pm);
        return { status: 200, body: pmJson(pm) };
      }
      if (a === undefined) throw new Refusal(error(404, "invalid_request_error", "Unrecognized request URL"));
      const pm = pmOr404(a);
      if (method === "GET" && b === undefined) return { status: 200, body: pmJson(pm) };
      if (method === "POST" && b === undefined) {
        if (pm.customer === null) throw invalid("You must save this PaymentMethod to a customer before you can update it.");
        pm.metadata = { ...pm.metadata, ...map(p, "metadata") };
        return { status: 200, body: pmJson(pm) };
      }
      if (method === "POST" && b === "attach") {
        const customer = customerOr404(str(p, "customer") ?? "").id;
        if (pm.spent) throw invalid("This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.", { param: "payment_method" });
        if (pm.customer !== null && pm.customer !== customer) throw invalid("The payment method you provided has already been attached to a customer.", { param: "payment_method" });
        pm.customer = customer;
        return { status: 200, body: pmJson(pm) };
      }
      if (method === "POST" && b === "detach") {
        if (pm.customer === null) throw invalid("The payment method you provided is not attached to a customer so detachment is impossible.");
        pm.customer = null;
        pm.spent = true;
        return { status: 200, body: pmJson(pm) };
      }
    }
    if (resource === "customers") {
      if (method === "POST" && a === undefined) {
        const c = { id: id("cus"), metadata: map(p, "metadata") };
        customers.set(c.id, c);
        return { status: 200, body: { id: c.id, object: "customer", metadata: c.metadata } };
      }
      if (method === "GET" && a === "search") {
        const found = searchByMetadata(customers.values(), str(p, "query") ?? "");
        return { status: 200, body: { object: "search_result", data: found.map((c) => ({ id: c.id, object: "customer", metadata: c.metadata })), has_more: false } };
      }
      if (method === "GET" && a !== undefined && b === "payment_methods") {
        customerOr404(a);
        const data = [...paymentMethods.values()].filter((pm) => pm.customer === a).map(pmJson);
        return { status: 200, body: { object: "list", data, has_more: false, url: `/v1/customers/${a}/payment_methods` } };
      }
    }
    if (resource === "payment_intents") {
      if (method === "POST" && a === undefined) return createIntent(p);
      if (method === "GET" && a === "search") {
        const found = searchByMetadata(intents.values(), str(p, "query") ?? "");
        const expand = list(p, "expand").map((e) => e.replace(/^data\./, ""));
        return { status: 200, body: { object: "search_result", data: found.map((pi) => piJson(pi, expand)), has_more: false } };
      }
      if (a !== undefined) {
        const pi = intentOr404(a);
        if (method === "GET" && b === undefined) return { status: 200, body: piJson(pi, list(p, "expand")) };
        if (method === "POST" && b === "capture") return capture(pi, p);
        if (method === "POST" && b === "cancel") return cancel(pi, p);
      }
    }
    if (resource === "refunds" && method === "POST" && a === undefined) return refund(p);
    if (resource === "balance_transactions" && method === "GET" && a === undefined) return balance.list(p, (piId) => piJson(intentOr404(piId), []));
    if (resource === "charges" && method === "POST" && a !== undefined && b === undefined) {
      const charge = charges.get(a);
      if (charge === undefined) throw missing("charge", a);
      charge.metadata = { ...charge.metadata, ...map(p, "metadata") };
      return { status: 200, body: chargeJson(charge) };
    }
    void key;
    throw new Refusal(error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`));
  };

  /** Stripe accepts the secret key as a Bearer token or as the Basic user name. */
  const keyOf = (req: IncomingMessage): string | null => {
    const header = req.headers.authorization ?? "";
    const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
    if (bearer !== undefined) return bearer;
    const basic = /^Basic (\S+)$/.exec(header)?.[1];
    return basic === undefined ? null : (Buffer.from(basic, "base64").toString("utf8").split(":")[0] ?? null);
  };

  /** The 3-D Secure page Stripe's test mode shows: complete or fail the authentication. */
  const challenge = (req: IncomingMessage, res: ServerResponse, piId: string, body: string) => {
    const pi = intents.get(piId);
    if (pi === undefined) return void res.writeHead(404).end();
    if (req.method === "GET") {
      return void res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><form method="post"><button name="result" value="pass">Complete</button><button name="result" value="fail">Fail</button></form>`);
    }
    if (pi.status === "requires_action") {
      const pm = paymentMethods.get(pi.paymentMethod) as PaymentMethod;
      if (parseForm(body).result === "pass") authorise(pi, pm);
      else {
        pi.status = "requires_payment_method";
        pi.lastPaymentError = { type: "card_error", code: "payment_intent_authentication_failure" };
        emit("payment_intent.payment_failed", piJson(pi, []));
      }
    }
    res.writeHead(303, { location: pi.returnUrl ?? "/" }).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      const send = (answer: Answer) => res.writeHead(answer.status, { "content-type": "application/json", "request-id": id("req") }).end(JSON.stringify(answer.body));
      // The loopback imitation of Stripe.js and its card frame (./stripe-js-imitation.ts), from this origin.
      const asset = req.method === "GET" ? STRIPE_JS_ASSETS[url.pathname] : undefined;
      if (asset !== undefined) return void res.writeHead(200, { "content-type": asset.type, "cache-control": "no-store" }).end(asset.body);
      const threeDs = /^\/__test\/3ds\/([^/]+)$/.exec(url.pathname)?.[1];
      if (threeDs !== undefined) return challenge(req, res, threeDs, body);
      const method = req.method ?? "GET";
      const key = keyOf(req);
      const publishableAllowed = method === "POST" && url.pathname === "/v1/payment_methods";
      if (key !== options.secretKey && !(publishableAllowed && key === options.publishableKey)) {
        return send(error(401, "invalid_request_error", "Invalid API Key provided."));
      }
      const params = parseForm(method === "GET" ? url.search.slice(1) : body);
      const idempotencyKey = method === "POST" ? req.headers["idempotency-key"] : undefined;
      const fingerprint = `${method} ${url.pathname} ${JSON.stringify(params)}`;
      if (typeof idempotencyKey === "string") {
        const saved = idempotency.get(idempotencyKey);
        if (saved !== undefined) {
          if (saved.fingerprint !== fingerprint) {
            return send(error(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with."));
          }
          return send(saved.answer);
        }
      }
      let answer: Answer;
      try {
        answer = route(method, url.pathname, params, typeof idempotencyKey === "string" ? idempotencyKey : "");
      } catch (thrown) {
        if (thrown instanceof Refusal) return send(thrown.answer);
        return send(error(500, "api_error", "An unknown error occurred"));
      }
      // Stripe keeps the answer (success or error) once the endpoint began executing.
      if (typeof idempotencyKey === "string") idempotency.set(idempotencyKey, { fingerprint, answer });
      send(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: async () => {
      await outbox;
      await new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections();
      });
    },
  };
};
