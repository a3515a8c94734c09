import { chmod, mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { startStripeContractServer, type StripeContractServer } from "@madoguchi/adapter-payment-stripe/contract-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/config.ts";
import { startServer } from "../src/composition/start-server.ts";

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
    expect(ok.payment).toEqual({ kind: "stripe", keysFile: "/k.json", returnUrl: "http://localhost:8080/apply", apiBase: null });
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
