import { describe, expect, it } from "vitest";
import { jsonOf, madoguchi, STACK_TRACE } from "./run-madoguchi.ts";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const COMMANDS = ["catalog check", "migrate", "test-card issue", "test-card show"];

describe("the madoguchi command line", { timeout: 30_000 }, () => {
  it("lists every command for help, --help and -h, in Japanese then English, exit 0", async () => {
    for (const args of [["help"], ["--help"], ["-h"]]) {
      const run = await madoguchi(args);
      expect(run.code).toBe(0);
      for (const c of COMMANDS) expect(run.stdout).toContain(c);
      expect(run.stdout).toContain("手続カタログ（procedures.json）を検査する");
      expect(run.stdout).toContain("check the procedure catalog (procedures.json)");
      expect(run.stdout.indexOf("窓口のコマンドライン")).toBeLessThan(run.stdout.indexOf("the madoguchi command line"));
    }
  });

  it("shows one command's options with `help <command>` and `<command> --help`", async () => {
    const viaHelp = await madoguchi(["help", "test-card", "issue", "--lang", "en"]);
    const viaFlag = await madoguchi(["test-card", "issue", "--help", "--lang", "en"]);
    expect(viaHelp.code).toBe(0);
    expect(viaFlag.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    for (const flag of ["--dir <dir>", "--password <password>", "--expired", "--valid-years <N>", "--not-before <ISO>"]) expect(viaFlag.stdout).toContain(flag);
    expect(viaFlag.stdout).toMatch(/--sex 1\|2\|3\s+sex: 1 male, 2 female, 3 unknown \(required\)/);
  });

  it("follows --lang en and --lang ja, before or after the command", async () => {
    const en = await madoguchi(["--lang", "en", "catalog", "check"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^OK: 9 procedures/);
    expect(en.stdout).not.toContain("住民票の写し");
    expect(en.stdout).not.toContain("円");
    const ja = await madoguchi(["catalog", "check", "--lang=ja"]);
    expect(ja.stdout).toContain("住民票の写し");
    expect(ja.stdout).not.toContain("Certificate of residence");
    const help = await madoguchi(["help", "--lang", "en"]);
    expect(help.stdout).not.toMatch(JAPANESE);
  });

  it("exits 2 on an unknown command and lists the commands", async () => {
    const run = await madoguchi(["deploy-everything"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("エラー: 不明なコマンドです: deploy-everything");
    expect(run.stderr).toContain("error: unknown command: deploy-everything");
    for (const c of COMMANDS) expect(run.stderr).toContain(c);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 without a command, and for a group without its command", async () => {
    const none = await madoguchi([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error: no command given");
    const group = await madoguchi(["test-card", "--lang", "en"]);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("error: test-card needs a command");
    expect(group.stderr).toContain("test-card issue");
    expect(group.stderr).not.toContain("migrate");
  });

  it("exits 2 naming an unknown option, a missing required option, a missing value and a repeated option — all at once", async () => {
    const run = await madoguchi(["test-card", "issue", "--dir", "--expired", "--nmae", "x", "--sex", "1", "--sex", "2", "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: the command line has errors");
    expect(run.stderr).toContain("--dir needs a value");
    expect(run.stderr).toContain("unknown option: --nmae");
    expect(run.stderr).toContain("unexpected argument (#1)");
    expect(run.stderr).toContain("--sex is given twice");
    for (const missing of ["--name <氏名>", "--address <住所>", "--birth <EYYYYMMDD>", "--password <password>"]) expect(run.stderr).toContain(`${missing} is required`);
    expect(run.stderr).toContain("usage: madoguchi test-card issue --help");
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it("exits 2 for a value given to an on/off option and for an invalid --lang", async () => {
    const run = await madoguchi(["catalog", "check", "--json=yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--json は値をとりません");
    const lang = await madoguchi(["migrate", "--lang", "fr"]);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain("--lang must be ja or en");
  });

  it("prints usage errors as JSON on stdout with --json", async () => {
    const run = await madoguchi(["test-card", "show", "--json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("");
    const out = jsonOf<{ command: string; error: { reason: string; code: string; message: { ja: string; en: string } } }>(run);
    expect(out).toMatchObject({ ok: false, command: "test-card show", error: { reason: "usage", code: "cli.invalid_arguments" } });
    expect(out.error.message.en).toBe("--dir <dir> is required");
    expect(out.error.message.ja).toBe("--dir <dir> を指定してください");

    const unknown = jsonOf<{ error: { code: string } }>(await madoguchi(["--json", "frobnicate"]));
    expect(unknown).toMatchObject({ ok: false, error: { code: "cli.unknown_command" } });
  });
});
