import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchServer, type BenchServer } from "./bench-server.ts";
import { staffLogin, storedApplications } from "./staff-client.ts";
import { warmUp } from "./warm-up.ts";

let server: BenchServer;
beforeAll(async () => {
  server = await startBenchServer();
});
afterAll(async () => {
  await server?.stop();
});

// Not a benchmark (nothing is timed): the benchmark's clients still drive the server as it is today. The staff
// login once broke silently when the staff API moved to its own listener, and again at the TOTP enrolment.
describe("npm run bench's clients", () => {
  it("log staff in (password, then the TOTP enrolment) and read every application a resident's flow stored", async () => {
    await warmUp({ url: server.url, sandboxOrigin: server.sandboxOrigin }, 2);
    const staff = (await staffLogin(server.staffUrl, server.staffPassword))._unsafeUnwrap();
    const stored = (await storedApplications(staff))._unsafeUnwrap();
    expect(stored.total).toBe(2);
    expect(stored.receiptNumbers.size).toBe(2);
  });

  it("report a wrong password as a failed login step", async () => {
    const refused = await staffLogin(server.staffUrl, "not-the-password");
    expect(refused._unsafeUnwrapErr()).toMatchObject({ step: "staff-login", status: 401 });
  });
});
