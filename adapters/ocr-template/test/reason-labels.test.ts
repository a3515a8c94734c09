import { describe, expect, it } from "vitest";
import { OCR_REVIEW_REASONS } from "@madoguchi/core";
import { REVIEW_REASONS } from "@madoguchi/ocr-engine";

describe("the engine's review reasons and core's", () => {
  it("are the same closed list: an engine reason core does not know would reach the counter unexplained", () => {
    expect([...REVIEW_REASONS].sort()).toEqual([...OCR_REVIEW_REASONS].sort());
  });
});
