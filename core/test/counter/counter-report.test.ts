import { describe, expect, it } from "vitest";
import { counterReport, handlingSeconds, MAX_HANDLING_SECONDS, type AuditEntry } from "../../src/index.ts";

let seq = 0;
const entry = (action: AuditEntry["action"], at: string, details: AuditEntry["details"], result: AuditEntry["result"] = "success"): AuditEntry => ({
  seq: ++seq,
  segment: at.slice(0, 7),
  hash: "0".repeat(64),
  at: new Date(at),
  actor: { kind: "staff", id: "st-1" },
  action,
  target: null,
  result,
  sourceIp: null,
  details,
});

const printed = (at: string, kind: string, seconds: number | null, layoutId = "juminido-todoke") => entry("counter.form_printed", at, { layoutId, kind, handlingSeconds: seconds });

describe("the counter's operational report (C13)", () => {
  it("counts forms per Japanese day and kind, with median and 90th percentile handling minutes", () => {
    const report = counterReport([
      printed("2026-11-24T23:30:00Z", "tennyu", 300), // 25 Nov in Japan
      printed("2026-11-25T01:00:00Z", "tennyu", 600),
      printed("2026-11-25T02:00:00Z", "tennyu", 1200),
      printed("2026-11-25T03:00:00Z", "tenkyo", null),
      printed("2026-11-25T03:10:00Z", "tennyu", 60, "inkan-toroku"),
      entry("counter.form_printed", "2026-11-25T03:20:00Z", { layoutId: "juminido-todoke", kind: "tennyu" }, "failure"),
      entry("counter.scan_read", "2026-11-25T00:10:00Z", { fields: 30, flagged: 6 }),
      entry("counter.scan_read", "2026-11-25T00:11:00Z", { error: "ocr.unidentified" }, "failure"),
    ]);
    expect(report.rows).toEqual([
      { day: "2026-11-25", kind: "tennyu", forms: 3, medianMinutes: 10, p90Minutes: 20 },
      { day: "2026-11-25", kind: "tenkyo", forms: 1, medianMinutes: null, p90Minutes: null },
    ]);
    expect(report.totals).toEqual({ tennyu: 3, tenkyo: 1, tenshutsu: 0, "setainushi-henko": 0 });
    expect(report.relatedForms).toEqual({ "inkan-toroku": 1 });
    expect(report.scans).toEqual({ read: 1, failed: 1, fields: 30, flagged: 6 });
  });

  it("takes a handling time only when it is plausible", () => {
    const at = new Date("2026-11-25T01:00:00Z");
    expect(handlingSeconds("2026-11-25T00:50:00Z", at)).toBe(600);
    expect(handlingSeconds(undefined, at)).toBeNull();
    expect(handlingSeconds("not a date", at)).toBeNull();
    expect(handlingSeconds("2026-11-25T01:00:01Z", at)).toBeNull();
    expect(handlingSeconds(new Date(at.getTime() - (MAX_HANDLING_SECONDS + 1) * 1000).toISOString(), at)).toBeNull();
  });
});
