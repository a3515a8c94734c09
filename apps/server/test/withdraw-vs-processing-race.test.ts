import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, juminhyoInput, residentSubmits, staffLogin } from "./support/api-client.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

describe("withdrawal (resident) racing 処理開始 (staff) on the same application", () => {
  it("exactly one wins every time, and the stored status is the winner's (optimistic version on SQLite)", async () => {
    const staff = await staffLogin(server);
    const outcomes = { withdrawn: 0, processing: 0 };
    for (let round = 0; round < 12; round++) {
      const { submitted } = await residentSubmits(server, juminhyoInput());
      const credentials = { receiptNumber: submitted.body.receiptNumber, accessSecret: submitted.body.accessSecret };
      const id = (await staff.list()).body.items.find((i: { receiptNumber: string }) => i.receiptNumber === credentials.receiptNumber).id;
      // Both requests are in flight at once; alternate which one is sent first.
      const withdraw = () => call(`${server.url}/api/applications/withdraw`, { body: credentials });
      const start = () => staff.command(id, "startProcessing", 1);
      const [w, s] = round % 2 === 0 ? await Promise.all([withdraw(), start()]) : (await Promise.all([start(), withdraw()])).reverse();
      const winners = [w!.status, s!.status].filter((x) => x === 200);
      expect(winners, `round ${round}: withdraw ${w!.status}, start ${s!.status}`).toHaveLength(1);
      expect([w!.status, s!.status].filter((x) => x === 409)).toHaveLength(1);
      const stored = (await staff.detail(id)).body;
      expect(stored.status).toBe(w!.status === 200 ? "withdrawn" : "processing");
      expect(stored.version).toBe(2);
      outcomes[stored.status as "withdrawn" | "processing"]++;
    }
    // Not a timing assertion: just evidence in the report that both sides can win.
    console.info(`race outcomes over 12 rounds: ${JSON.stringify(outcomes)}`);
  });
});
