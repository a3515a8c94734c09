import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../src/args/parse-command-args.ts";
import { COMMANDS } from "../src/commands/commands.ts";

const issue = COMMANDS.find((c) => c.words.join(" ") === "test-card issue")!;
const REQUIRED = ["--dir", "d", "--name", "n", "--address", "a", "--birth", "419900102", "--sex", "1", "--password", "ABCDEF"];

describe("parsing a command's arguments", () => {
  it("hands the command its declared options, with defaults for on/off ones", () => {
    const parsed = parseCommandArgs(issue, [...REQUIRED, "--expired", "--lang=en", "--json"])._unsafeUnwrap();
    expect(parsed.input.strings).toEqual({ dir: "d", name: "n", address: "a", birth: "419900102", sex: "1", password: "ABCDEF" });
    expect(parsed.input.booleans).toEqual({ expired: true, revoked: false });
    expect(parsed).toMatchObject({ json: true, language: "en", help: false });
    expect(parseCommandArgs(issue, REQUIRED)._unsafeUnwrap().input.booleans).toEqual({ expired: false, revoked: false });
  });

  it("takes a value starting with - only in the --flag=value form", () => {
    expect(parseCommandArgs(issue, [...REQUIRED.slice(2), "--dir=-d"])._unsafeUnwrap().input.strings.dir).toBe("-d");
    expect(parseCommandArgs(issue, [...REQUIRED.slice(2), "--dir", "-d"]).isErr()).toBe(true);
  });

  it("lets --help through even when the rest of the line is wrong", () => {
    expect(parseCommandArgs(issue, ["--nope", "-h"])._unsafeUnwrap().help).toBe(true);
  });

  it("never throws, and never repeats a value in its messages, whatever the arguments", () => {
    // Values are tagged so that any echo is found; option names come from the command and typos.
    const value = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom("x", "y", "山", "1") }).map((s) => `VAL${s}`);
    const flag = fc.constantFrom("--dir", "--name", "--sex", "--expired", "--json", "--lang", "--nmae", "-h", "-x", "--");
    const arg = fc.oneof(flag, value, fc.tuple(fc.constantFrom("--dir", "--name", "--json"), value).map(([f, v]) => `${f}=${v}`));
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 10 }), (args) => {
        const parsed = parseCommandArgs(issue, args);
        if (parsed.isErr()) {
          expect(parsed.error.reason).toBe("usage");
          const text = JSON.stringify([parsed.error.message, parsed.error.details]);
          expect(text).not.toMatch(/VAL/);
        }
      }),
    );
  });
});
