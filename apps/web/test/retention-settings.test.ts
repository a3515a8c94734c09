import { describe, expect, it } from "vitest";
import { APPROVAL_KINDS, APPROVAL_PERMISSION } from "@madoguchi/core";
import { isRetentionShortening, RETENTION_SETTING_PATHS } from "../src/pages/staff/retention/retention-settings.ts";

describe("the retention settings, by the approval kind that shortens each", () => {
  it("names a setting of its own for each of core's retention shortenings, all needing retention.manage", () => {
    expect(RETENTION_SETTING_PATHS).toEqual({
      "retention.shorten": "/api/staff/settings/audit-retention",
      "applications.retention.shorten": "/api/staff/settings/application-retention",
    });
    for (const kind of Object.keys(RETENTION_SETTING_PATHS)) expect([kind, APPROVAL_PERMISSION[kind as keyof typeof APPROVAL_PERMISSION]]).toEqual([kind, "retention.manage"]);
  });

  it("tells the approvals page which approved kinds it carries out on a setting (the others are exports or a fee change)", () => {
    expect(APPROVAL_KINDS.filter(isRetentionShortening)).toEqual(["retention.shorten", "applications.retention.shorten"]);
  });
});
