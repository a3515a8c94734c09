import { LOCALE_STORAGE_KEY } from "../i18n/locale.ts";

/**
 * R11: the counter kiosk — the resident portal on the city hall's touch-screen terminal. `/kiosk` turns kiosk mode on
 * for the browser tab (a sessionStorage flag, so it survives reloads and the idle reset, and ends with the tab).
 *
 * Leaving kiosk mode is for staff only and has no visible control: open `/kiosk?exit=1` in the tab (e.g. from the
 * address bar with a keyboard, or by closing the kiosk browser's tab). It is not a security boundary — anyone
 * who can type an address can leave — it only keeps residents from leaving by accident. The residents' guide does
 * not mention it.
 */

/** The sessionStorage key of the flag ("1" when on). */
export const KIOSK_FLAG_KEY = "madoguchi.kiosk";

/** The address the kiosk starts (and starts over) at. */
export const KIOSK_PATH = "/kiosk";

/** Every key the app keeps in localStorage starts so (today only {@link LOCALE_STORAGE_KEY}). */
export const APP_STORAGE_PREFIX = "madoguchi.";

/** Whether `search` (`?exit=1`) asks to leave kiosk mode. */
export const asksKioskExit = (search: string): boolean => new URLSearchParams(search).get("exit") === "1";

/**
 * Kiosk mode for a page: `/kiosk` turns it on (`/kiosk?exit=1` off); every other page keeps the tab's flag.
 */
export const kioskModeFor = (onKioskPath: boolean, search: string, flagged: boolean): boolean => (onKioskPath ? !asksKioskExit(search) : flagged);

/** Storage may be disabled (private mode): kiosk mode then lasts while the page stays loaded. */
export const sessionStore = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

export const localStore = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

export const readKioskFlag = (session: Storage | null): boolean => {
  try {
    return session?.getItem(KIOSK_FLAG_KEY) === "1";
  } catch {
    return false;
  }
};

export const writeKioskFlag = (session: Storage | null, on: boolean): void => {
  try {
    if (on) session?.setItem(KIOSK_FLAG_KEY, "1");
    else session?.removeItem(KIOSK_FLAG_KEY);
  } catch {
    // See sessionStore.
  }
};

/**
 * Forgets what a resident left in the browser: the whole tab's sessionStorage but the kiosk flag (today: an
 * application waiting for the Digital Authentication App, with its form — app-signature-resume.ts), and the app's
 * localStorage keys (today: the language chosen, so the next resident starts in Japanese).
 */
export function wipeBrowserStorage(session: Storage | null, local: Storage | null): void {
  try {
    const kiosk = readKioskFlag(session);
    session?.clear();
    writeKioskFlag(session, kiosk);
  } catch {
    // A store that cannot be read cannot hold anything of theirs either.
  }
  try {
    if (local === null) return;
    const keys: string[] = [];
    for (let i = 0; i < local.length; i += 1) {
      const key = local.key(i);
      if (key !== null && key.startsWith(APP_STORAGE_PREFIX)) keys.push(key);
    }
    for (const key of keys) local.removeItem(key);
  } catch {
    // As above.
  }
}

/** What {@link startOver} needs, passed in so that it is tested without a browser. */
export interface StartOverDeps {
  readonly session: Storage | null;
  readonly local: Storage | null;
  /** Ends a resident's login on the server, if there is one (failures are ignored: there may be none). */
  readonly logout: () => Promise<unknown>;
  /** Loads a page afresh (`window.location.assign`): a full load drops every React state. */
  readonly go: (path: string) => void;
  /** How long to wait for the logout before reloading anyway. */
  readonly logoutTimeoutMs?: number;
}

/**
 * 「はじめから」 and the idle reset: wipes the browser's storage, logs a resident out, and reloads `/kiosk`. The storage
 * goes first and synchronously, so that nothing is left even when the network hangs; the reload never waits for the
 * logout longer than a few seconds.
 */
export async function startOver(deps: StartOverDeps): Promise<void> {
  wipeBrowserStorage(deps.session, deps.local);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deps.logoutTimeoutMs ?? 3000);
  });
  const logout = (async () => {
    try {
      await deps.logout();
    } catch {
      // No session, or the network is down: the reload still goes ahead.
    }
  })();
  await Promise.race([logout, timeout]);
  clearTimeout(timer);
  deps.go(KIOSK_PATH);
}
