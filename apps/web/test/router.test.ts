import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROCEDURE_LISTS_PATH } from "../src/pages/staff/procedures/procedure-lists.ts";
import { PROCEDURE_NEW_PATH, PROCEDURES_PATH, procedureEditPath } from "../src/pages/staff/procedures/procedure-paths.ts";
import { mayLeave, resolveRoute, secretFromHash, setLeaveQuestion, STAFF_APPLICATION_NEW_PATH, staffDetailPath, statusPath } from "../src/router.ts";

describe("resolveRoute", () => {
  it.each([
    ["/", { name: "portal" }],
    ["/index.html", { name: "portal" }],
    ["/apply/juminhyo", { name: "apply", procedureId: "juminhyo" }],
    ["/apply/juminhyo/", { name: "apply", procedureId: "juminhyo" }],
    ["/status", { name: "status", receiptNumber: null }],
    ["/status/R0001", { name: "status", receiptNumber: "R0001" }],
    ["/staff", { name: "staffList" }],
    ["/staff/", { name: "staffList" }],
    ["/staff/applications/abc-123", { name: "staffDetail", id: "abc-123" }],
    // S5: the proxy entry (代理入力), matched before the detail's `:id`.
    ["/staff/applications/new", { name: "staffApplicationNew" }],
    ["/staff/applications/new/", { name: "staffApplicationNew" }],
    ["/staff/audit", { name: "staffAudit" }],
    ["/staff/security", { name: "staffSecurity" }],
    ["/staff/statistics", { name: "staffStatistics" }],
    ["/staff/retention", { name: "staffRetention" }],
    ["/staff/notices", { name: "staffNotices" }],
    // S6: the procedures staff build.
    ["/staff/procedures", { name: "staffProcedures" }],
    ["/staff/procedures/", { name: "staffProcedures" }],
    ["/staff/procedures/new", { name: "staffProcedureNew" }],
    ["/staff/procedures/juminhyo", { name: "staffProcedureEdit", id: "juminhyo" }],
    ["/staff/procedures/koseki-fuhyo/", { name: "staffProcedureEdit", id: "koseki-fuhyo" }],
    ["/staff/procedures/lists", { name: "staffProcedureLists" }],
    ["/staff/procedures/lists/", { name: "staffProcedureLists" }],
    ["/staff/counter", { name: "staffCounter" }],
    // C8, C9: the counter's kept records.
    ["/staff/counter/records", { name: "staffCounterRecords" }],
    ["/staff/counter/records/", { name: "staffCounterRecords" }],
    ["/staff/counter/records/6f1c2b9e-0000-4000-8000-000000000001", { name: "staffCounterRecord", id: "6f1c2b9e-0000-4000-8000-000000000001" }],
    // C13: the counter's report.
    ["/staff/counter/report", { name: "staffCounterReport" }],
    ["/staff/counter/report/", { name: "staffCounterReport" }],
    ["/dev/inbox", { name: "devInbox" }],
    // N10: the manuals.
    ["/help", { name: "help" }],
    ["/help/", { name: "help" }],
    // R11: the counter's kiosk.
    ["/kiosk", { name: "kiosk" }],
    ["/kiosk/", { name: "kiosk" }],
    ["/staff/help", { name: "staffHelp" }],
    ["/staff/help/", { name: "staffHelp" }],
    ["/staff/help/admin", { name: "staffHelpAdmin" }],
    ["/staff/help/admin/", { name: "staffHelpAdmin" }],
  ])("maps %s", (path, route) => {
    expect(resolveRoute(path)).toEqual(route);
  });

  it.each(["/nope", "/apply", "/apply/a/b", "/staff/applications", "/staff/x", "/staff/audit/x", "/dev", "/status/a/b", "/apply/%E0%A4%A", "/help/x", "/help/admin", "/staff/help/x", "/staff/help/admin/x", "/staff/admin", "/staff/counter/x", "/staff/counter/records/a/b", "/staff/counter/records/%E0%A4%A", "/staff/counter/report/2026-11", "/staff/procedures/juminhyo/edit", "/staff/procedures/%E0%A4%A", "/staff/procedures/new/x", "/staff/procedures/lists/x", "/kiosk/x", "/staff/applications/new/x"])(
    "sends %s to not-found",
    (path) => {
      expect(resolveRoute(path)).toEqual({ name: "notFound" });
    },
  );

  it("round-trips any procedure id and receipt number through the paths it builds", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        expect(resolveRoute(`/apply/${encodeURIComponent(id)}`)).toEqual({ name: "apply", procedureId: id });
        if (id !== "new") expect(resolveRoute(staffDetailPath(id))).toEqual({ name: "staffDetail", id });
        const [path, hash] = statusPath(id, id).split("#");
        expect(resolveRoute(path ?? "")).toEqual({ name: "status", receiptNumber: id });
        expect(secretFromHash(`#${hash ?? ""}`)).toBe(id);
      }),
    );
  });

  it("opens the procedure pages (S6) at the paths they link to, any id but `new` and `lists` at its editor", () => {
    expect(resolveRoute(PROCEDURES_PATH)).toEqual({ name: "staffProcedures" });
    expect(resolveRoute(PROCEDURE_NEW_PATH)).toEqual({ name: "staffProcedureNew" });
    expect(resolveRoute(PROCEDURE_LISTS_PATH)).toEqual({ name: "staffProcedureLists" });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((id) => id !== "new" && id !== "lists"),
        (id) => void expect(resolveRoute(procedureEditPath(id))).toEqual({ name: "staffProcedureEdit", id }),
      ),
    );
  });
});

describe("the proxy entry's route (S5)", () => {
  it("opens at the path the list's button links to, before any application's detail", () => {
    expect(STAFF_APPLICATION_NEW_PATH).toBe("/staff/applications/new");
    expect(resolveRoute(STAFF_APPLICATION_NEW_PATH)).toEqual({ name: "staffApplicationNew" });
    // An application's id is a UUID: every other segment is still a detail.
    expect(resolveRoute(staffDetailPath("6f1c2b9e-0000-4000-8000-000000000001"))).toEqual({ name: "staffDetail", id: "6f1c2b9e-0000-4000-8000-000000000001" });
    expect(resolveRoute("/staff/applications/new-1")).toEqual({ name: "staffDetail", id: "new-1" });
  });
});

describe("secretFromHash", () => {
  it("is null without a fragment or with a malformed one", () => {
    expect(secretFromHash("")).toBeNull();
    expect(secretFromHash("#")).toBeNull();
    expect(secretFromHash("#%E0%A4%A")).toBeNull();
  });
});

describe("leaving a page with unsaved work (mayLeave)", () => {
  const withWindow = (confirm: (q: string) => boolean, run: (asked: string[]) => void) => {
    const asked: string[] = [];
    const previous = (globalThis as { window?: unknown }).window;
    (globalThis as { window?: unknown }).window = { confirm: (q: string) => (asked.push(q), confirm(q)) };
    try {
      run(asked);
    } finally {
      (globalThis as { window?: unknown }).window = previous;
      setLeaveQuestion(null);
    }
  };

  it("a link leaves without asking when no page holds unsaved work", () => {
    withWindow(() => false, (asked) => {
      expect(mayLeave()).toBe(true);
      setLeaveQuestion(() => null);
      expect(mayLeave()).toBe(true);
      expect(asked).toEqual([]);
    });
  });

  it("asks the page's question, and stays when the answer is no", () => {
    withWindow(() => false, (asked) => {
      setLeaveQuestion(() => "保存せずに離れますか？");
      expect(mayLeave()).toBe(false);
      expect(asked).toEqual(["保存せずに離れますか？"]);
    });
    withWindow(() => true, () => {
      setLeaveQuestion(() => "保存せずに離れますか？");
      expect(mayLeave()).toBe(true);
    });
  });
});
