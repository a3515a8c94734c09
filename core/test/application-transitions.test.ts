import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  APPLICATION_COMMAND_TYPES,
  APPLICATION_STATUSES,
  allowedCommands,
  applyCommand,
  isTerminal,
  makeCommand,
  StaffId,
  type Actor,
  type ApplicationCommand,
  type ApplicationCommandType,
  type ApplicationStatus,
} from "../src/index.ts";
import { applicationIn, submittedApplication } from "./application-fixtures.ts";

const staff: Actor = { kind: "staff", staffId: StaffId("staff-1") };
const resident: Actor = { kind: "resident" };
const now = new Date("2026-11-24T02:00:00Z");

/** The workflow written out as a table, independently of the implementation's table. */
const EXPECTED: Record<ApplicationStatus, Partial<Record<ApplicationCommandType, ApplicationStatus>>> = {
  submitted: { receive: "received", startProcessing: "processing", reject: "rejected", return: "returned", withdraw: "withdrawn" },
  received: { startProcessing: "processing", reject: "rejected", return: "returned", withdraw: "withdrawn" },
  processing: { complete: "completed", reject: "rejected", return: "returned" },
  completed: {},
  rejected: {},
  returned: { withdraw: "withdrawn" },
  withdrawn: {},
};

const commandOf = (type: ApplicationCommandType, reason = "書類に不備があります"): ApplicationCommand => makeCommand(type, reason);

describe("applyCommand", () => {
  it.each(APPLICATION_STATUSES.flatMap((s) => APPLICATION_COMMAND_TYPES.map((c) => [s, c] as const)))(
    "%s + %s follows the workflow table",
    (status, type) => {
      const result = applyCommand(applicationIn(status), commandOf(type), type === "withdraw" ? resident : staff, now);
      const expected = EXPECTED[status][type];
      if (expected === undefined) {
        expect(result._unsafeUnwrapErr()._tag).toBe(type === "withdraw" ? "NotWithdrawable" : "InvalidTransition");
      } else {
        expect(result._unsafeUnwrap().status).toBe(expected);
      }
    },
  );

  it("returns a new application: version + 1, updatedAt, one history entry with the actor and the reason", () => {
    const before = submittedApplication();
    const after = applyCommand(before, { type: "return", reason: "  住所を確認してください  " }, staff, now)._unsafeUnwrap();
    expect(after.version).toBe(2);
    expect(after.updatedAt).toBe(now);
    expect(after.history).toHaveLength(2);
    expect(after.history[1]).toEqual({ from: "submitted", to: "returned", at: now, by: staff, reason: "住所を確認してください" });
    expect(before.status).toBe("submitted");
    expect(before.history).toHaveLength(1);
  });

  it("requires a non-blank reason for 不受理 and 差戻し", () => {
    for (const type of ["reject", "return"] as const) {
      expect(applyCommand(submittedApplication(), makeCommand(type, null), staff, now)._unsafeUnwrapErr()).toEqual({
        _tag: "ReasonRequired",
        code: "application.reason_required",
      });
      expect(applyCommand(submittedApplication(), makeCommand(type, " \u3000 "), staff, now).isErr()).toBe(true);
    }
  });

  it("says which status prevents a withdrawal", () => {
    expect(applyCommand(applicationIn("processing"), { type: "withdraw" }, resident, now)._unsafeUnwrapErr()).toEqual({
      _tag: "NotWithdrawable",
      code: "application.not_withdrawable",
      status: "processing",
    });
  });

  it("records no reason for commands without one", () => {
    const after = applyCommand(submittedApplication(), makeCommand("receive", "ignored"), staff, now)._unsafeUnwrap();
    expect(after.history[1]?.reason).toBeNull();
  });
});

describe("allowedCommands", () => {
  it("lists exactly the commands of the workflow table", () => {
    for (const status of APPLICATION_STATUSES) {
      expect([...allowedCommands(status)].sort()).toEqual(Object.keys(EXPECTED[status]).sort());
    }
  });

  it("is empty exactly for the terminal statuses", () => {
    expect(APPLICATION_STATUSES.filter((s) => allowedCommands(s).length === 0)).toEqual(["completed", "rejected", "withdrawn"]);
    expect(APPLICATION_STATUSES.filter(isTerminal)).toEqual(["completed", "rejected", "withdrawn"]);
  });
});

describe("the workflow (properties over command sequences)", () => {
  const step = fc.record({
    type: fc.constantFrom(...APPLICATION_COMMAND_TYPES),
    reason: fc.oneof(fc.constant(null), fc.constant(""), fc.constant("理由"), fc.string({ maxLength: 5 })),
  });

  it("keeps every invariant along any sequence of commands", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let app = submittedApplication();
        let accepted = 0;
        let processingStarted = false;
        let returnedSinceProcessing = false;
        steps.forEach(({ type, reason }, i) => {
          const at = new Date(now.getTime() + i * 1000);
          const before = app;
          const result = applyCommand(app, makeCommand(type, reason), type === "withdraw" ? resident : staff, at);
          if (isTerminal(before.status)) expect(result.isErr()).toBe(true);
          if (result.isErr()) {
            const allowed = EXPECTED[before.status][type] !== undefined;
            // Refused only for a reason: not in the workflow, or a missing reason.
            expect(allowed ? result.error._tag === "ReasonRequired" : result.error._tag !== "ReasonRequired").toBe(true);
            return;
          }
          app = result.value;
          accepted++;
          expect(app.status).toBe(EXPECTED[before.status][type]);
          expect(app.version).toBe(before.version + 1);
          expect(app.updatedAt).toBe(at);
          expect(app.history[app.history.length - 1]).toMatchObject({ from: before.status, to: app.status, at });
          if (type === "withdraw") {
            // R9: never while staff are processing or after they finished; only a 差戻し hands it back.
            expect(!processingStarted || returnedSinceProcessing).toBe(true);
          }
          if (app.status === "processing") processingStarted = true;
          if (processingStarted) returnedSinceProcessing = app.status === "returned";
        });
        expect(app.history).toHaveLength(accepted + 1);
        expect(app.version).toBe(accepted + 1);
        // Every recorded step is a transition of the workflow.
        app.history.slice(1).forEach((h) => {
          expect(Object.values(EXPECTED[h.from ?? "submitted"])).toContain(h.to);
        });
      }),
    );
  });

  it("terminal statuses accept nothing", () => {
    fc.assert(
      fc.property(fc.constantFrom<ApplicationStatus>("completed", "rejected", "withdrawn"), step, (status, { type, reason }) => {
        expect(applyCommand(applicationIn(status), makeCommand(type, reason ?? "r"), staff, now).isErr()).toBe(true);
      }),
    );
  });

  it("withdraw never succeeds once processing has started, unless the application was returned to the resident", () => {
    fc.assert(
      fc.property(fc.constantFrom<ApplicationStatus>("processing", "completed", "rejected", "withdrawn"), (status) => {
        expect(applyCommand(applicationIn(status), { type: "withdraw" }, resident, now).isErr()).toBe(true);
      }),
    );
  });
});
