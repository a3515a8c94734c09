import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseApiError } from "../src/api-result.ts";

describe("parseApiError", () => {
  it("reads code, message and every field error of a 422", () => {
    const error = parseApiError(422, {
      error: { code: "validation.failed", message: "入力内容に誤りがあります。" },
      errors: [
        { field: "applicant.name", code: "required", message: "入力してください。" },
        { field: "request.copies", code: "out_of_range", message: "1から10までです。" },
      ],
    });
    expect(error).toEqual({
      status: 422,
      code: "validation.failed",
      message: "入力内容に誤りがあります。",
      fieldErrors: [
        { field: "applicant.name", code: "required", message: "入力してください。" },
        { field: "request.copies", code: "out_of_range", message: "1から10までです。" },
      ],
      triesLeft: null,
    });
  });

  it("reads the test card's tries left", () => {
    const error = parseApiError(401, { error: { code: "test_card.wrong_password", triesLeft: 2 } });
    expect(error.code).toBe("test_card.wrong_password");
    expect(error.triesLeft).toBe(2);
    expect(error.message).toBeNull();
  });

  it("reads a signing refusal's next steps (strings only)", () => {
    const error = parseApiError(400, { error: { code: "signature.revoked", message: "失効", nextSteps: ["新しいカードで", 3, "窓口で"] } });
    expect(error.nextSteps).toEqual(["新しいカードで", "窓口で"]);
  });

  it("keeps the issues of a refused counter draft as sent (the counter page checks each), and none when there are none", () => {
    const issues = [{ code: "unconfirmed", path: { person: 0, field: "name" } }, { code: "no_person" }];
    expect(parseApiError(422, { error: { code: "counter.draft_not_ready", message: "未確認", issues } }).issues).toEqual(issues);
    expect(parseApiError(422, { error: { code: "counter.draft_not_ready", issues: "none" } })).not.toHaveProperty("issues");
  });

  it("accepts a field given as a path array", () => {
    const error = parseApiError(422, { errors: [{ field: ["request", "extra", "fiscalYear"], code: "required", message: "x" }] });
    expect(error.fieldErrors[0]?.field).toBe("request.extra.fiscalYear");
  });

  it("never throws, whatever the body, and falls back to http_<status>", () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.anything(), (status, body) => {
        const error = parseApiError(status, body);
        expect(error.status).toBe(status);
        expect(typeof error.code).toBe("string");
      }),
    );
    expect(parseApiError(502, "<html>Bad gateway</html>").code).toBe("http_502");
  });
});
