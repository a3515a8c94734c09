import { useEffect, useState } from "react";
import { navigate } from "../router.ts";
import { watchIdle, type IdleOutput, type IdleWatch } from "./kiosk-idle.ts";
import { kioskModeFor, readKioskFlag, sessionStore, writeKioskFlag } from "./kiosk-mode.ts";

// Where storage is disabled the flag lives as long as the loaded page.
let unstoredFlag = false;

/**
 * Kiosk mode of this tab for the current page (R11), kept in the tab's sessionStorage and shown as a `kiosk` class
 * on `<html>` (so rem sizes grow with it). `/kiosk?exit=1` turns it off and goes on to the ordinary portal.
 */
export function useKioskMode(onKioskPath: boolean, search: string): boolean {
  const session = sessionStore();
  const kiosk = kioskModeFor(onKioskPath, search, session === null ? unstoredFlag : readKioskFlag(session));
  const exiting = onKioskPath && !kiosk;
  useEffect(() => {
    unstoredFlag = kiosk;
    writeKioskFlag(sessionStore(), kiosk);
    document.documentElement.classList.toggle("kiosk", kiosk);
    if (exiting) navigate("/", { replace: true });
  }, [kiosk, exiting]);
  return kiosk;
}

/** The idle reset's state for the screen (the logic is kiosk-idle.ts): what to show, and 「続ける」. */
export function useKioskIdle(enabled: boolean): { readonly output: IdleOutput; readonly keepGoing: () => void } {
  const [output, setOutput] = useState<IdleOutput>({ kind: "idle" });
  const [watch, setWatch] = useState<IdleWatch | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const started = watchIdle(window, setOutput);
    setWatch(started);
    return () => {
      started.stop();
      setWatch(null);
      setOutput({ kind: "idle" });
    };
  }, [enabled]);
  return { output, keepGoing: () => watch?.continue() };
}

