import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { IdempotencyKey, yen, type PaymentError, type PaymentGateway } from "@madoguchi/core";
import type { Result } from "neverthrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxPaymentGateway, sandboxClientConfig, TEST_CARDS, type SandboxGateway } from "../src/index.ts";
import { mintToken, SECRET_KEY, startTestSandbox } from "./support/sandbox-fixture.ts";

let sandbox: SandboxGateway;
let gateway: PaymentGateway;
beforeAll(async () => {
  sandbox = await startTestSandbox();
  gateway = createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: SECRET_KEY, timeoutMs: 2000 });
});
afterAll(() => sandbox.close());

const errorOf = async <T>(pending: PromiseLike<Result<T, PaymentError>>): Promise<PaymentError> => {
  const result = await pending;
  if (result.isOk()) expect.fail("expected a PaymentError");
  return result.error;
};
const key = (): IdempotencyKey => IdempotencyKey(`client-${randomUUID()}`);
const authorizeCard = async (g: PaymentGateway, number: string) =>
  g.authorize({ source: { kind: "token" as const, token: await mintToken(sandbox.url, number) }, amount: yen(100), idempotencyKey: key(), description: "x" });

/** A TCP port that was free a moment ago: nothing listens there. */
const closedPort = async (): Promise<number> => {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

describe("sandbox client: answers mapped to PaymentError reasons", () => {
  it("maps the decline test cards to declined, insufficient_funds and expired_card, none retryable", async () => {
    for (const [number, reason] of [
      [TEST_CARDS.declined, "declined"],
      [TEST_CARDS.insufficientFunds, "insufficient_funds"],
      [TEST_CARDS.expiredCard, "expired_card"],
    ] as const) {
      const error = await errorOf(authorizeCard(gateway, number));
      expect(error).toEqual({ _tag: "PaymentError", reason, operation: "payment-gateway.authorize", retryable: false, message: expect.any(String) });
    }
  });

  it("maps an unknown token to invalid_token", async () => {
    const error = await errorOf(gateway.authorize({ source: { kind: "token" as const, token: "tok_never_issued" }, amount: yen(100), idempotencyKey: key(), description: "x" }));
    expect([error.reason, error.retryable]).toEqual(["invalid_token", false]);
  });

  it("maps a gateway 500 to unavailable, retryable", async () => {
    const error = await errorOf(authorizeCard(gateway, TEST_CARDS.processingError));
    expect([error.reason, error.retryable]).toEqual(["unavailable", true]);
  });

  it("maps a rejected secret key to unavailable, not retryable, on every operation", async () => {
    const wrong = createSandboxPaymentGateway({ baseUrl: sandbox.url, secretKey: "sk_test_not_the_key", timeoutMs: 2000 });
    for (const error of [await errorOf(wrong.healthCheck()), await errorOf(wrong.findByIdempotencyKey(key()))]) {
      expect([error.reason, error.retryable]).toEqual(["unavailable", false]);
      expect(error.message).not.toContain("sk_test");
    }
  });

  it("maps a closed port to unavailable, retryable", async () => {
    const offline = createSandboxPaymentGateway({ baseUrl: `http://127.0.0.1:${await closedPort()}`, secretKey: SECRET_KEY, timeoutMs: 2000 });
    const error = await errorOf(offline.healthCheck());
    expect(error).toMatchObject({ reason: "unavailable", retryable: true, operation: "payment-gateway.healthCheck" });
  });

  it("maps a wrong base path (unknown endpoint) to unavailable, not to not_found", async () => {
    const misconfigured = createSandboxPaymentGateway({ baseUrl: `${sandbox.url}/wrong/`, secretKey: SECRET_KEY, timeoutMs: 2000 });
    const error = await errorOf(misconfigured.capture("auth_x", yen(1), key()));
    expect([error.reason, error.retryable]).toEqual(["unavailable", false]);
  });

  it("maps a server that accepts but never answers to timeout, retryable", async () => {
    const silent = createServer(() => {
      /* accept and say nothing */
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const stalled = createSandboxPaymentGateway({ baseUrl: `http://127.0.0.1:${port}`, secretKey: SECRET_KEY, timeoutMs: 200 });
      const error = await errorOf(stalled.authorize({ source: { kind: "token" as const, token: "tok_x" }, amount: yen(1), idempotencyKey: key(), description: "x" }));
      expect([error.reason, error.retryable]).toEqual(["timeout", true]);
    } finally {
      silent.close();
    }
  });

  it("rejects an idempotency key that cannot travel in a header as invalid_request, before any call", async () => {
    const token = await mintToken(sandbox.url, TEST_CARDS.visaSuccess);
    for (const bad of ["", "キー", "has space", "x".repeat(256)]) {
      const error = await errorOf(gateway.authorize({ source: { kind: "token" as const, token }, amount: yen(100), idempotencyKey: IdempotencyKey(bad), description: "x" }));
      expect([bad.length, error.reason, error.retryable]).toEqual([bad.length, "invalid_request", false]);
    }
    // Nothing was sent: the token is still unused.
    expect((await gateway.authorize({ source: { kind: "token" as const, token }, amount: yen(100), idempotencyKey: key(), description: "x" })).isOk()).toBe(true);
  });

  it("answers a healthy sandbox's health check with Ok", async () => {
    expect((await gateway.healthCheck()).isOk()).toBe(true);
  });
});

describe("sandbox client: options and browser config", () => {
  it("rejects invalid options at construction, without quoting the secret", () => {
    const attempt = (options: unknown) => () => createSandboxPaymentGateway(options as never);
    expect(attempt({ baseUrl: "ftp://127.0.0.1", secretKey: "k", timeoutMs: 100 })).toThrow(/baseUrl/);
    expect(attempt({ baseUrl: "not a url", secretKey: "k", timeoutMs: 100 })).toThrow(/baseUrl/);
    expect(attempt({ baseUrl: "http://127.0.0.1", secretKey: "", timeoutMs: 100 })).toThrow(/secretKey/);
    expect(attempt({ baseUrl: "http://127.0.0.1", secretKey: "k", timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(attempt({ baseUrl: "http://127.0.0.1", secretKey: "sk_very_secret_value", timeoutMs: 1.5 })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("sk_very_secret_value") }),
    );
  });

  it("gives the browser the hosted-fields URL and the sandbox origin, nothing secret", () => {
    expect(sandboxClientConfig("http://127.0.0.1:4010")).toEqual({ hostedFieldsUrl: "http://127.0.0.1:4010/hosted-fields.html", origin: "http://127.0.0.1:4010" });
    expect(sandboxClientConfig("https://pay.example.jp/sandbox/")).toEqual({
      hostedFieldsUrl: "https://pay.example.jp/sandbox/hosted-fields.html",
      origin: "https://pay.example.jp",
    });
  });
});
