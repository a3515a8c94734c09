/**
 * R11: the kiosk's idle reset as a small state machine, free of timers and the DOM so that it is tested with fake
 * time. Events go in (`input`, `continue`, `tick`, each with the time it happened); what the screen shows comes
 * out: nothing (`idle`), the warning with its seconds left, or `reset` (wipe and start over).
 */

/** How long the terminal waits: no input for `idleMs`, then a warning counting down `warningMs`. */
export interface IdleTimings {
  readonly idleMs: number;
  readonly warningMs: number;
}

/** R11's timings: 120 s without input, then 30 s of warning. */
export const KIOSK_IDLE_TIMINGS: IdleTimings = { idleMs: 120_000, warningMs: 30_000 };

/** What the screen shows. */
export type IdleOutput = { readonly kind: "idle" } | { readonly kind: "warning"; readonly secondsLeft: number } | { readonly kind: "reset" };

/** The machine's state: when the last counted input was, and what that means now. */
export interface IdleState {
  readonly since: number;
  readonly output: IdleOutput;
}

/**
 * `input`: the resident touched, typed, scrolled. `continue`: they pressed 「続ける」 on the warning. `tick`: time passed.
 * `at` is milliseconds on any monotonic-enough clock (`Date.now()`).
 */
export type IdleEvent = { readonly type: "input" | "continue" | "tick"; readonly at: number };

const IDLE: IdleOutput = { kind: "idle" };

/** A fresh machine: the page was just loaded, which counts as input. */
export const initialIdleState = (at: number): IdleState => ({ since: at, output: IDLE });

/** What `since` means at `at`. */
export const idleOutputAt = (since: number, at: number, timings: IdleTimings = KIOSK_IDLE_TIMINGS): IdleOutput => {
  const elapsed = Math.max(0, at - since);
  if (elapsed < timings.idleMs) return IDLE;
  const left = timings.idleMs + timings.warningMs - elapsed;
  return left <= 0 ? { kind: "reset" } : { kind: "warning", secondsLeft: Math.ceil(left / 1000) };
};

/**
 * One step. Reset is final (the page is about to reload). While the warning shows, only 「続ける」 keeps the session:
 * moving focus into the warning can scroll the page, and a stray scroll or touch on the backdrop should not hide it
 * unread. Time is evaluated at the event's own time first, so input after a long unticked gap (a throttled
 * background tab) does not skip the warning.
 */
export function idleStep(state: IdleState, event: IdleEvent, timings: IdleTimings = KIOSK_IDLE_TIMINGS): IdleState {
  if (state.output.kind === "reset") return state;
  const now = idleOutputAt(state.since, event.at, timings);
  if (now.kind === "reset") return { since: state.since, output: now };
  if (event.type === "continue" || (event.type === "input" && now.kind === "idle")) return initialIdleState(event.at);
  return sameOutput(state.output, now) ? state : { since: state.since, output: now };
}

const sameOutput = (a: IdleOutput, b: IdleOutput): boolean =>
  a.kind === b.kind && (a.kind !== "warning" || b.kind !== "warning" || a.secondsLeft === b.secondsLeft);

/**
 * What a screen reader is told of the countdown: every ten seconds, then each of the last five — a live region
 * speaking every second would drown the 「続ける」 button.
 */
export const spokenSeconds = (secondsLeft: number): number => (secondsLeft <= 5 ? secondsLeft : Math.ceil(secondsLeft / 10) * 10);

/** The inputs that count as someone at the terminal. */
export const KIOSK_INPUT_EVENTS = ["pointerdown", "keydown", "touchstart", "input", "scroll"] as const;

/** A running watch: press 「続ける」, or stop listening. */
export interface IdleWatch {
  readonly continue: () => void;
  readonly stop: () => void;
}

/**
 * Drives {@link idleStep} from real input and a one-second tick; `onChange` hears each new output. Listens in the
 * capture phase so that inputs stopped by a page (and scrolls of inner boxes, which do not bubble) still count.
 */
export function watchIdle(
  target: EventTarget,
  onChange: (output: IdleOutput) => void,
  options: { readonly timings?: IdleTimings; readonly now?: () => number; readonly tickMs?: number } = {},
): IdleWatch {
  const timings = options.timings ?? KIOSK_IDLE_TIMINGS;
  const now = options.now ?? Date.now;
  let state = initialIdleState(now());
  const send = (type: IdleEvent["type"]) => {
    const next = idleStep(state, { type, at: now() }, timings);
    if (next.output !== state.output) {
      state = next;
      onChange(next.output);
    } else state = next;
  };
  const onInput = () => send("input");
  const listen = { capture: true, passive: true } as const;
  for (const name of KIOSK_INPUT_EVENTS) target.addEventListener(name, onInput, listen);
  const timer = setInterval(() => send("tick"), options.tickMs ?? 1000);
  return {
    continue: () => send("continue"),
    stop: () => {
      clearInterval(timer);
      for (const name of KIOSK_INPUT_EVENTS) target.removeEventListener(name, onInput, listen);
    },
  };
}
