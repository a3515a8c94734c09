import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Layout } from "../src/components/layout.tsx";
import { I18nProvider } from "../src/i18n/i18n-context.tsx";
import { LOCALE_STORAGE_KEY } from "../src/i18n/locale.ts";
import { KIOSK_QR_SRC, KioskCardBadge, KioskChrome, KioskIdleWarning, KioskNextTime, KioskNoCard } from "../src/kiosk/kiosk-chrome.tsx";
import { idleStep, initialIdleState, spokenSeconds, watchIdle, KIOSK_IDLE_TIMINGS, type IdleEvent, type IdleOutput, type IdleState } from "../src/kiosk/kiosk-idle.ts";
import { kioskMessages } from "../src/kiosk/kiosk-messages.ts";
import { KIOSK_FLAG_KEY, asksKioskExit, kioskModeFor, startOver, wipeBrowserStorage } from "../src/kiosk/kiosk-mode.ts";
import { manualText, sectionIds } from "../src/pages/help/manual.ts";
import { residentGuide } from "../src/pages/help/resident-guide-content.ts";

const S = 1000;

/** Runs events through the machine from a fresh start at 0 and gives each output. */
const run = (events: readonly IdleEvent[]): IdleOutput[] => {
  let state: IdleState = initialIdleState(0);
  return events.map((event) => {
    state = idleStep(state, event);
    return state.output;
  });
};
const tick = (at: number): IdleEvent => ({ type: "tick", at });

describe("the kiosk's idle machine (R11)", () => {
  it("stays idle for 120 s, warns for 30 s counting down, then resets", () => {
    expect(KIOSK_IDLE_TIMINGS).toEqual({ idleMs: 120 * S, warningMs: 30 * S });
    expect(run([tick(0), tick(60 * S), tick(119_999)])).toEqual([{ kind: "idle" }, { kind: "idle" }, { kind: "idle" }]);
    expect(run([tick(120 * S), tick(121 * S), tick(140_500), tick(149 * S), tick(149_999), tick(150 * S)])).toEqual([
      { kind: "warning", secondsLeft: 30 },
      { kind: "warning", secondsLeft: 29 },
      { kind: "warning", secondsLeft: 10 },
      { kind: "warning", secondsLeft: 1 },
      { kind: "warning", secondsLeft: 1 },
      { kind: "reset" },
    ]);
  });

  it("starts the 120 s again on any input while idle", () => {
    const out = run([tick(100 * S), { type: "input", at: 110 * S }, tick(200 * S), tick(229 * S), tick(230 * S)]);
    expect(out).toEqual([{ kind: "idle" }, { kind: "idle" }, { kind: "idle" }, { kind: "idle" }, { kind: "warning", secondsLeft: 30 }]);
  });

  it("keeps the warning on stray input (a scroll as focus moves into it); only 「続ける」 dismisses it", () => {
    const out = run([tick(125 * S), { type: "input", at: 126 * S }, { type: "continue", at: 127 * S }, tick(246 * S), tick(247 * S)]);
    expect(out).toEqual([
      { kind: "warning", secondsLeft: 25 },
      { kind: "warning", secondsLeft: 24 },
      { kind: "idle" },
      { kind: "idle" },
      { kind: "warning", secondsLeft: 30 },
    ]);
  });

  it("is final once reset: neither input nor 「続ける」 takes it back", () => {
    expect(run([tick(151 * S), { type: "continue", at: 152 * S }, { type: "input", at: 153 * S }]).map((o) => o.kind)).toEqual(["reset", "reset", "reset"]);
  });

  it("does not skip the warning when the first event after a long unticked gap is input (a throttled tab)", () => {
    expect(run([{ type: "input", at: 130 * S }])).toEqual([{ kind: "warning", secondsLeft: 20 }]);
    expect(run([{ type: "continue", at: 200 * S }])).toEqual([{ kind: "reset" }]);
  });

  it("keeps the same state object when nothing visible changed (no re-render each tick)", () => {
    const state = initialIdleState(0);
    expect(idleStep(state, tick(5 * S))).toBe(state);
  });

  it("has the countdown spoken every ten seconds, then each of the last five", () => {
    const spoken = Array.from({ length: 30 }, (_, i) => spokenSeconds(30 - i));
    expect([...new Set(spoken)]).toEqual([30, 20, 10, 5, 4, 3, 2, 1]);
  });
});

describe("watchIdle (the idle machine on real input and a timer)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reports the warning after 120 s, the countdown, and the reset after 30 s more", () => {
    const outputs: IdleOutput[] = [];
    const watch = watchIdle(new EventTarget(), (o) => outputs.push(o));
    vi.advanceTimersByTime(119 * S);
    expect(outputs).toEqual([]);
    vi.advanceTimersByTime(1 * S);
    expect(outputs).toEqual([{ kind: "warning", secondsLeft: 30 }]);
    vi.advanceTimersByTime(30 * S);
    expect(outputs).toHaveLength(31);
    expect(outputs.at(-2)).toEqual({ kind: "warning", secondsLeft: 1 });
    expect(outputs.at(-1)).toEqual({ kind: "reset" });
    watch.stop();
  });

  it.each(["pointerdown", "keydown", "touchstart", "input", "scroll"])("counts %s as someone at the terminal", (name) => {
    const target = new EventTarget();
    const outputs: IdleOutput[] = [];
    const watch = watchIdle(target, (o) => outputs.push(o));
    vi.advanceTimersByTime(100 * S);
    target.dispatchEvent(new Event(name));
    vi.advanceTimersByTime(100 * S);
    expect(outputs).toEqual([]);
    vi.advanceTimersByTime(20 * S);
    expect(outputs).toEqual([{ kind: "warning", secondsLeft: 30 }]);
    watch.stop();
  });

  it("goes back to idle on 「続ける」, and hears nothing once stopped", () => {
    const target = new EventTarget();
    const outputs: IdleOutput[] = [];
    const watch = watchIdle(target, (o) => outputs.push(o));
    vi.advanceTimersByTime(125 * S);
    target.dispatchEvent(new Event("pointerdown"));
    watch.continue();
    expect(outputs.at(-1)).toEqual({ kind: "idle" });
    watch.stop();
    const count = outputs.length;
    vi.advanceTimersByTime(1000 * S);
    target.dispatchEvent(new Event("keydown"));
    expect(outputs).toHaveLength(count);
  });
});

describe("kiosk mode and leaving it", () => {
  it("is turned on by /kiosk, off by /kiosk?exit=1, and kept by the tab's flag elsewhere", () => {
    expect(kioskModeFor(true, "", false)).toBe(true);
    expect(kioskModeFor(true, "?lang=ja", false)).toBe(true);
    expect(kioskModeFor(true, "?exit=1", true)).toBe(false);
    expect(kioskModeFor(true, "?exit=0", true)).toBe(true);
    expect(kioskModeFor(false, "", true)).toBe(true);
    expect(kioskModeFor(false, "?exit=1", true)).toBe(true);
    expect(kioskModeFor(false, "", false)).toBe(false);
    expect(asksKioskExit("?a=b&exit=1")).toBe(true);
  });
});

/** A Storage over a Map, as the browser's behaves for these calls. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  entries(): [string, string][] {
    return [...this.items.entries()];
  }
}

const residentLeftovers = () => {
  const session = new MemoryStorage();
  session.setItem(KIOSK_FLAG_KEY, "1");
  session.setItem("madoguchi.apply.app-signature", '{"values":{"name":"山田 太郎"}}');
  session.setItem("other", "x");
  const local = new MemoryStorage();
  local.setItem(LOCALE_STORAGE_KEY, "en");
  local.setItem("madoguchi.future", "y");
  local.setItem("not-ours", "z");
  return { session, local };
};

describe("what 「はじめから」 and the idle reset wipe", () => {
  it("clears the tab's sessionStorage but the kiosk flag, and the app's localStorage keys", () => {
    const { session, local } = residentLeftovers();
    wipeBrowserStorage(session, local);
    expect(session.entries()).toEqual([[KIOSK_FLAG_KEY, "1"]]);
    expect(local.entries()).toEqual([["not-ours", "z"]]);
  });

  it("does not turn kiosk mode on where it was off, and copes with no storage at all", () => {
    const session = new MemoryStorage();
    session.setItem("x", "1");
    wipeBrowserStorage(session, null);
    expect(session.entries()).toEqual([]);
    expect(() => wipeBrowserStorage(null, null)).not.toThrow();
  });

  it("wipes storage before the logout, ignores a failed logout, then loads /kiosk afresh", async () => {
    const { session, local } = residentLeftovers();
    const steps: string[] = [];
    await startOver({
      session,
      local,
      logout: () => {
        steps.push(`logout with ${session.length} session item(s)`);
        return Promise.reject(new Error("no session"));
      },
      go: (path) => steps.push(`go ${path}`),
    });
    expect(steps).toEqual(["logout with 1 session item(s)", "go /kiosk"]);
  });

  it("does not wait for a hanging logout longer than the timeout", async () => {
    vi.useFakeTimers();
    try {
      const go = vi.fn();
      const done = startOver({ session: null, local: null, logout: () => new Promise(() => {}), go, logoutTimeoutMs: 3000 });
      await vi.advanceTimersByTimeAsync(2999);
      expect(go).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      await done;
      expect(go).toHaveBeenCalledWith("/kiosk");
    } finally {
      vi.useRealTimers();
    }
  });
});

const html = (node: ReactNode): string => renderToStaticMarkup(createElement(I18nProvider, null, node));

describe("what the kiosk shows", () => {
  const ja = kioskMessages("ja");

  it("has the texts R11 asks for, in Japanese and English", () => {
    expect(ja.nextTimeHeading).toBe("次回はご自宅のスマートフォンやパソコンから申請できます");
    expect(ja.noCard).toBe("マイナンバーカードをお持ちでない方も、カードが不要な手続はここで申請できます。カードが必要な手続は窓口でお申し出ください。");
    expect(ja.idleMessage).toBe("操作がないため、まもなく最初の画面に戻ります（入力した内容は消去されます）");
    expect([ja.startOver, ja.continue, ja.cardRequired, ja.qrAlt]).toEqual(["はじめから", "続ける", "マイナンバーカードが必要", "ポータルのアドレスのQRコード"]);
    const en = kioskMessages("en");
    expect(Object.keys(en)).toEqual(Object.keys(ja));
    expect([en.startOver, en.continue]).toEqual(["Start over", "Continue"]);
  });

  it("shows the next-time panel with the address as text and the QR code with its alt text", () => {
    const out = renderToStaticMarkup(createElement(KioskNextTime, { messages: ja, address: "https://portal.example.jp/" }));
    expect(out).toContain('data-testid="kiosk-next-time"');
    expect(out).toContain("https://portal.example.jp/");
    expect(out).toContain(`<img class="kiosk-next-time__qr" src="${KIOSK_QR_SRC}" alt="ポータルのアドレスのQRコード"`);
    expect(KIOSK_QR_SRC).toBe("/api/kiosk/portal-qr.svg");
  });

  it("marks the procedures that need the card, and tells residents without one what to do", () => {
    expect(renderToStaticMarkup(createElement(KioskCardBadge, { messages: ja }))).toContain('data-testid="kiosk-card-required">マイナンバーカードが必要<');
    expect(renderToStaticMarkup(createElement(KioskNoCard, { messages: ja }))).toContain(ja.noCard);
  });

  it("warns in an alert dialog with the countdown spoken and a real 「続ける」 button", () => {
    const out = renderToStaticMarkup(createElement(KioskIdleWarning, { messages: ja, secondsLeft: 27, onContinue: () => {} }));
    expect(out).toContain('role="alertdialog"');
    expect(out).toContain('aria-modal="true"');
    expect(out).toContain('data-testid="kiosk-idle-warning"');
    expect(out).toContain('aria-describedby="kiosk-idle-message"');
    expect(out).toContain(ja.idleMessage);
    expect(out).toMatch(/aria-hidden="true">あと27秒</);
    expect(out).toMatch(/aria-live="polite" aria-atomic="true">あと30秒</);
    expect(out).toMatch(/<button type="button"[^>]*data-testid="kiosk-continue"[^>]*>続ける<\/button>/);
  });

  it("puts 「はじめから」 on every page and hides the account link in kiosk mode", () => {
    const page = (kioskBar: ReactNode) =>
      html(createElement(Layout, { cityName: "みほん市", devInbox: false, mainRef: { current: null }, kioskBar, children: createElement("p", null, "page") }));
    const kiosk = page(createElement(KioskChrome));
    expect(kiosk).toMatch(/<button type="button"[^>]*data-testid="kiosk-start-over"[^>]*>はじめから<\/button>/);
    expect(kiosk).not.toContain('data-testid="nav-account"');
    expect(kiosk).not.toContain('href="/account');
    const ordinary = page(null);
    expect(ordinary).toContain('data-testid="nav-account"');
    expect(ordinary).not.toContain("kiosk-start-over");
  });
});

describe("the residents' guide on the kiosk", () => {
  it.each(["ja", "en"] as const)("has a section (%s) naming the kiosk's buttons, and says nothing of how staff leave kiosk mode", (locale) => {
    const guide = residentGuide(locale, { city: "みほん市", cardBrands: ["VISA"] });
    expect(sectionIds(guide)).toContain("guide-kiosk");
    const text = manualText(guide);
    const m = kioskMessages(locale);
    for (const name of [m.startOver, m.continue, m.cardRequired]) expect(text).toContain(name);
    expect(text).not.toContain("exit");
    expect(text).not.toContain("/kiosk");
  });
});
