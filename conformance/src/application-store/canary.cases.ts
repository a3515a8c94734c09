import fc from "fast-check";
import { expect } from "vitest";
import type { Application, OutboxMessage } from "@madoguchi/core";
import { applicationArb, applicationChangeSpecArb, applyApplicationChange } from "./application.arbitraries.ts";
import { okValue, withStore, type ApplicationStoreCase } from "./application-store.harness.ts";
import { containsText, withCanary } from "./canary.ts";

/**
 * The canary case: crypto-erase is only real if plaintext never reached storage. Applications whose
 * every personal field carries `CANARY-<uuid>` are inserted and updated; the persisted bytes
 * (`rawRead`) must not contain the canary as UTF-8 nor as UTF-16LE.
 */
export const canaryCases: readonly ApplicationStoreCase[] = [
  {
    name: "canary: no personal field reaches storage in plaintext (UTF-8 or UTF-16LE), after inserts and updates",
    run: (make, _options, context) =>
      withStore(make, async (store) => {
        const rawRead = store.rawRead;
        if (rawRead === undefined) return context.skip("the adapter gives no rawRead hook, so its bytes at rest cannot be checked");
        const canary = `CANARY-${crypto.randomUUID()}`;
        const apps = fc.sample(applicationArb(), { numRuns: 6, seed: 41 }).map((a) => withCanary(a, canary));
        const changes = fc.sample(applicationChangeSpecArb, { numRuns: apps.length, seed: 43 });
        for (const app of apps) {
          const message: OutboxMessage = { id: crypto.randomUUID(), kind: "application.status_changed", applicationId: app.id, status: app.status, createdAt: app.submittedAt };
          await okValue(store.applications.insert(app, [message]));
        }
        const updated: Application[] = [];
        for (const [i, app] of apps.entries()) {
          const change = changes[i];
          if (change === undefined) continue;
          const next = withCanary(applyApplicationChange(app, { ...change, reason: `${canary} 差戻し理由` }), canary);
          await okValue(store.applications.update(next, app.version, []));
          updated.push(next);
        }
        // The data is really there (readable through the port) ...
        for (const app of updated) expect(await okValue(store.applications.findById(app.id))).toStrictEqual(app);
        expect((await okValue(store.applications.list({ limit: 100, offset: 0 }))).total).toBe(apps.length);
        // ... but not in the bytes at rest.
        const bytes = await rawRead();
        expect(bytes.length).toBeGreaterThan(0);
        expect(containsText(bytes, canary), "plaintext canary found in persisted bytes").toBe(false);
        expect(containsText(bytes, canary.slice("CANARY-".length)), "canary uuid found in persisted bytes").toBe(false);
      }),
  },
];
