import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_KANJI_RESULTS, StaffRoleId } from "@madoguchi/core";
import { call } from "./support/api-client.ts";
import { staffWithSession } from "./support/staff-access-fixtures.ts";
import { startTestServer, type TestServer } from "./support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.dispose();
});

const search = (q: string) => `${server.staffUrl}/api/staff/counter/kanji?q=${encodeURIComponent(q)}`;

describe("C6 漢字検索: the counter's kanji search", () => {
  it("finds a name's characters by reading or by one character: its variants (高 → 髙) and its shape (吉 → 𠮷)", async () => {
    const clerk = await staffWithSession(server, "kanji-clerk");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();

    const byReading = await call(search("たかい"), { headers: clerk.headers });
    expect(byReading.status).toBe(200);
    expect(byReading.body).toMatchObject({ query: "たかい", mode: "reading", truncated: false });
    // Characters in common use (常用・人名用) come first: 高 among them, before rare ones such as 兀.
    const first = byReading.body.items.slice(0, 10);
    expect(first.find((i: { char: string }) => i.char === "高")).toMatchObject({ codePoint: "U+9AD8", relation: "reading", on: ["コウ"], strokes: 10 });
    expect(first.map((i: { char: string }) => i.char)).not.toContain("兀");

    const takahashi = await call(search("高"), { headers: clerk.headers });
    expect(takahashi.body.mode).toBe("character");
    expect(takahashi.body.items.slice(0, 2).map((i: { char: string; relation: string }) => [i.char, i.relation])).toEqual([
      ["高", "same"],
      ["髙", "variant"],
    ]);
    const watanabe = await call(search("辺"), { headers: clerk.headers });
    expect(watanabe.body.items.filter((i: { relation: string }) => i.relation === "variant").map((i: { char: string }) => i.char)).toEqual(expect.arrayContaining(["邊", "邉"]));
    const yoshida = await call(search("吉"), { headers: clerk.headers });
    expect(yoshida.body.items.find((i: { char: string }) => i.char === "𠮷")).toMatchObject({ relation: "same_radical_strokes", codePoint: "U+20BB7" });

    // A short reading matches hundreds of characters: the first page, and the screen says to type more.
    const many = await call(search("こ"), { headers: clerk.headers });
    expect([many.body.items.length, many.body.truncated]).toEqual([MAX_KANJI_RESULTS, true]);
  });

  it("refuses a query that is neither a reading nor one character, with a message in the staff member's language", async () => {
    const clerk = await staffWithSession(server, "kanji-clerk-2");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("counter"), holder: { kind: "staff", staffId: clerk.id } }))._unsafeUnwrap();
    for (const [q, reason] of [
      ["", "empty"],
      ["たかはしたろうたかはしたろう", "too_long"],
      ["高橋", "not_kana_or_one_character"],
      ["abc", "not_kana_or_one_character"],
      ["a", "not_in_dictionary"],
      ["x".repeat(65), "too_long"],
    ] as const) {
      const refused = await call(search(q), { headers: clerk.headers });
      expect([refused.status, refused.body.error.code, refused.body.error.reason], q).toEqual([400, "kanji.invalid_query", reason]);
    }
    const english = await call(search("高橋"), { headers: { ...clerk.headers, "accept-language": "en" } });
    expect(english.body.error.message).toBe("Type a reading in kana, or a single kanji.");
    const noQuery = await call(`${server.staffUrl}/api/staff/counter/kanji?q=a&q=b`, { headers: clerk.headers });
    expect([noQuery.status, noQuery.body.error.reason]).toEqual([400, "empty"]);
  });

  it("is for members with counter.use only, and only on the staff listener", async () => {
    const processor = await staffWithSession(server, "kanji-processor");
    (await server.deps.staffAccess.assignRole({ roleId: StaffRoleId("processor"), holder: { kind: "staff", staffId: processor.id } }))._unsafeUnwrap();
    expect((await call(search("高"), { headers: processor.headers })).status).toBe(403);
    expect((await call(search("高"))).status).toBe(401);
    expect((await call(`${server.url}/api/staff/counter/kanji?q=${encodeURIComponent("高")}`)).status).toBe(404);
  });
});
