import { chmod, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import { startStripeContractServer, type StripeContractServer } from "@madoguchi/adapter-payment-stripe/contract-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/config.ts";
import { startServer } from "../src/composition/start-server.ts";
import { securityHeaders } from "../src/http/security-headers.ts";
import type { PaymentClientConfig } from "../src/http/server-deps.ts";

// Test keys of the contract server: shaped as Stripe's, valid nowhere.
const KEYS = { secretKey: "sk_test_madoguchiServerConfig01", publishableKey: "pk_test_madoguchiServerConfig01", webhookSecrets: ["whsec_madoguchiServerConfig0123"] };

let root: string;
let stripe: StripeContractServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "madoguchi-stripe-config-"));
  stripe = await startStripeContractServer({ secretKey: KEYS.secretKey, publishableKey: KEYS.publishableKey });
});
afterAll(async () => {
  await stripe.close();
  await rm(root, { recursive: true, force: true });
});

/** A keys file under the test's directory, mode 600 unless said otherwise. */
const keysFile = async (name: string, content: unknown, mode = 0o600): Promise<string> => {
  await mkdir(join(root, name), { recursive: true });
  const path = join(root, name, "stripe-keys.json");
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  await chmod(path, mode);
  return path;
};

/** Starts the server with Stripe as the gateway and its data under the test's directory, then stops it. */
const start = async (name: string, env: Record<string, string>) => {
  const config = loadConfig({ PORT: "0", MADOGUCHI_DATA_DIR: join(root, name, "data"), MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_API_BASE: stripe.url, ...env })._unsafeUnwrap();
  const server = await startServer(config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }), announce: () => undefined });
  await server.close();
  return server;
};

describe("MADOGUCHI_PAYMENT_GATEWAY=stripe", () => {
  it("is a config error without a keys file, or mixed with the sandbox's variables, or with Stripe's variables on the sandbox", () => {
    expect(loadConfig({ MADOGUCHI_PAYMENT_GATEWAY: "stripe" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_PAYMENT_GATEWAY=stripe needs MADOGUCHI_STRIPE_KEYS_FILE/);
    expect(loadConfig({ MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_KEYS_FILE: "/k.json", MADOGUCHI_PAYMENT_SECRET_KEY: "sk_x" })._unsafeUnwrapErr().message).toMatch(
      /MADOGUCHI_PAYMENT_SECRET_KEY is for the sandbox gateway/,
    );
    expect(loadConfig({ MADOGUCHI_STRIPE_KEYS_FILE: "/k.json" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_STRIPE_KEYS_FILE is only read with MADOGUCHI_PAYMENT_GATEWAY=stripe/);
    expect(loadConfig({ MADOGUCHI_PAYMENT_GATEWAY: "paypal" }).isErr()).toBe(true);
    const ok = loadConfig({ PORT: "8080", MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_KEYS_FILE: "/k.json" })._unsafeUnwrap();
    expect(ok.payment).toEqual({
      kind: "stripe",
      keysFile: "/k.json",
      returnUrl: null,
      apiBase: null,
      stripeJsUrl: "https://js.stripe.com/v3/",
    });
  });

  it("loads Stripe.js from Stripe, or from loopback in tests, and from nowhere else (Stripe.js may not be self-hosted)", () => {
    const env = { PORT: "8080", MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_KEYS_FILE: "/k.json" } as const;
    const jsUrl = (url: string) => loadConfig({ ...env, MADOGUCHI_STRIPE_JS_URL: url });
    expect(jsUrl("http://127.0.0.1:4242/v3/")._unsafeUnwrap().payment).toMatchObject({ stripeJsUrl: "http://127.0.0.1:4242/v3/" });
    expect(jsUrl("https://js.stripe.com/v3/")._unsafeUnwrap().payment).toMatchObject({ stripeJsUrl: "https://js.stripe.com/v3/" });
    for (const bad of ["https://cdn.example.jp/stripe/v3/", "http://js.stripe.com/v3/", "https://js.stripe.com.example.jp/v3/", "not a url"]) {
      expect(jsUrl(bad)._unsafeUnwrapErr().message, bad).toMatch(/MADOGUCHI_STRIPE_JS_URL must be Stripe's own/);
    }
    expect(loadConfig({ MADOGUCHI_STRIPE_JS_URL: "https://js.stripe.com/v3/" })._unsafeUnwrapErr().message).toMatch(/MADOGUCHI_STRIPE_JS_URL is only read with MADOGUCHI_PAYMENT_GATEWAY=stripe/);
  });

  it("refuses to start on a keys file that is missing, readable by others, or holds the wrong keys, naming the file and the fault (never a key)", async () => {
    await expect(start("missing", { MADOGUCHI_STRIPE_KEYS_FILE: join(root, "nowhere.json") })).rejects.toThrow(/MADOGUCHI_STRIPE_KEYS_FILE \(.*nowhere\.json\) cannot be read/);
    const open = await keysFile("open", KEYS, 0o644);
    await expect(start("open", { MADOGUCHI_STRIPE_KEYS_FILE: open })).rejects.toThrow(/is readable by other users: chmod 600 it/);
    const publishable = await keysFile("publishable", { ...KEYS, secretKey: KEYS.publishableKey });
    await expect(start("publishable", { MADOGUCHI_STRIPE_KEYS_FILE: publishable })).rejects.toThrow(/secretKey holds a publishable key/);
    const mixed = await keysFile("mixed", { ...KEYS, publishableKey: "pk_live_madoguchiServerConfig01" });
    const refusal = start("mixed", { MADOGUCHI_STRIPE_KEYS_FILE: mixed });
    await expect(refusal).rejects.toThrow(/secretKey is a test key but publishableKey is a live key/);
    await expect(refusal).rejects.not.toThrow(/madoguchiServerConfig01/);
    const noWebhook = await keysFile("no-webhook", { ...KEYS, webhookSecrets: [] });
    await expect(start("no-webhook", { MADOGUCHI_STRIPE_KEYS_FILE: noWebhook })).rejects.toThrow(/webhookSecrets must list one signing secret/);
  });

  it("refuses to start when Stripe rejects the secret key, and starts with the right one", async () => {
    const wrong = await keysFile("wrong-key", { ...KEYS, secretKey: "sk_test_notTheContractServers", publishableKey: "pk_test_notTheContractServers" });
    await expect(start("wrong-key", { MADOGUCHI_STRIPE_KEYS_FILE: wrong })).rejects.toThrow(/Stripe refused the configured secret key/);
    const good = await keysFile("good", KEYS);
    await expect(start("good", { MADOGUCHI_STRIPE_KEYS_FILE: good })).resolves.toBeDefined();
  });
});

/** A running server (closed by the caller) and its resident URL. */
const serve = async (name: string, env: Record<string, string>) => {
  const config = loadConfig({ PORT: "0", MADOGUCHI_DATA_DIR: join(root, name, "data"), ...env })._unsafeUnwrap();
  return startServer(config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }), announce: () => undefined });
};

/** The CSP's directives by name. */
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== "")
      .map(([name, ...values]) => [name ?? "", values]),
  );

describe("the browser side of Stripe (Elements, docs/adr/0028)", () => {
  it("gives the browser the publishable key and the Stripe.js URL (never the secret key), and a CSP naming exactly what Stripe documents", async () => {
    const server = await serve("client-config", { MADOGUCHI_PAYMENT_GATEWAY: "stripe", MADOGUCHI_STRIPE_API_BASE: stripe.url, MADOGUCHI_STRIPE_KEYS_FILE: await keysFile("client-config", KEYS) });
    try {
      const res = await fetch(`${server.url}/api/config`);
      const text = await res.text();
      const origin = new URL(server.url).origin.replace("127.0.0.1", "localhost");
      expect((JSON.parse(text) as { payment: unknown }).payment).toEqual({
        kind: "stripe",
        stripeJsUrl: "https://js.stripe.com/v3/",
        publishableKey: KEYS.publishableKey,
        threeDSecureReturnOrigin: origin,
      });
      expect(text).not.toContain(KEYS.secretKey);
      expect(text).not.toContain(KEYS.webhookSecrets[0]);

      const csp = directives(res.headers.get("content-security-policy") ?? "");
      expect(csp.get("script-src")).toEqual(["'self'", "https://js.stripe.com"]);
      expect(csp.get("frame-src")).toEqual(["https://js.stripe.com", "https://hooks.stripe.com", origin]);
      expect(csp.get("connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      // The staff listener has no payment: nothing of Stripe.
      const staff = (await fetch(`${server.staffUrl}/healthz`)).headers.get("content-security-policy") ?? "";
      expect(staff).not.toContain("stripe");
      expect(directives(staff).get("frame-src")).toEqual(["'none'"]);
    } finally {
      await server.close();
    }
  });

  it("names the loopback Stripe.js imitation instead of Stripe in tests", async () => {
    const server = await serve("loopback-js", {
      MADOGUCHI_PAYMENT_GATEWAY: "stripe",
      MADOGUCHI_STRIPE_API_BASE: stripe.url,
      MADOGUCHI_STRIPE_JS_URL: `${stripe.url}/v3/`,
      MADOGUCHI_STRIPE_RETURN_URL: "http://localhost:3999/payments/stripe-3ds-complete.html",
      MADOGUCHI_STRIPE_KEYS_FILE: await keysFile("loopback-js", KEYS),
    });
    try {
      const res = await fetch(`${server.url}/api/config`);
      expect(((await res.json()) as { payment: { stripeJsUrl: string } }).payment.stripeJsUrl).toBe(`${stripe.url}/v3/`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(directives(csp).get("script-src")).toEqual(["'self'", stripe.url]);
      expect(directives(csp).get("frame-src")).toEqual([stripe.url, "http://localhost:3999"]);
      expect(directives(csp).get("connect-src")).toEqual(["'self'", stripe.url]);
      expect(csp).not.toContain("stripe.com");
    } finally {
      await server.close();
    }
  });

  it("names nothing of Stripe when the gateway is the sandbox", async () => {
    const server = await serve("sandbox", {});
    try {
      const res = await fetch(`${server.url}/api/config`);
      const payment = ((await res.json()) as { payment: { kind: string; origin: string } }).payment;
      expect(payment.kind).toBe("sandbox");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).not.toContain("stripe");
      expect(directives(csp).get("script-src")).toEqual(["'self'"]);
      expect(directives(csp).get("frame-src")).toEqual([payment.origin]);
    } finally {
      await server.close();
    }
  });
});

describe("the page Stripe's 3-D Secure frame returns to", () => {
  /** The headers middleware alone, in front of a page that answers 200 (the web app's static page in a real start). */
  const headersOf = async (payment: PaymentClientConfig, path: string) => {
    const app = express();
    app.use(securityHeaders({ payment, secure: false }));
    app.get("/{*path}", (_req, res) => res.type("html").send("<!doctype html>"));
    const listener = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listener.once("listening", resolve));
    try {
      return directives((await fetch(`http://127.0.0.1:${(listener.address() as AddressInfo).port}${path}`)).headers.get("content-security-policy") ?? "");
    } finally {
      listener.close();
    }
  };
  const stripeConfig: PaymentClientConfig = { kind: "stripe", stripeJsUrl: "https://js.stripe.com/v3/", publishableKey: KEYS.publishableKey, threeDSecureReturnOrigin: "https://madoguchi.example.jp" };

  it("may be framed by our own pages only, with Stripe; every other page by nothing", async () => {
    const page = await headersOf(stripeConfig, "/payments/stripe-3ds-complete.html");
    expect(page.get("frame-ancestors")).toEqual(["'self'"]);
    expect(page.get("script-src")).toEqual(["'self'"]);
    expect(page.get("frame-src")).toEqual(["'none'"]);
    expect((await headersOf(stripeConfig, "/apply/juminhyo")).get("frame-ancestors")).toEqual(["'none'"]);
    expect((await headersOf(stripeConfig, "/payments/stripe-3ds-complete.html.evil")).get("frame-ancestors")).toEqual(["'none'"]);
    const sandbox: PaymentClientConfig = { kind: "sandbox", hostedFieldsUrl: "http://127.0.0.1:4100/hosted-fields.html", origin: "http://127.0.0.1:4100" };
    expect((await headersOf(sandbox, "/payments/stripe-3ds-complete.html")).get("frame-ancestors")).toEqual(["'none'"]);
  });
});
