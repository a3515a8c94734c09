import { createContext, useContext } from "react";

/** Whether the tab is in kiosk mode (R11); false outside the app's provider. */
export const KioskContext = createContext(false);

/** Whether the tab is in kiosk mode (R11). */
export const useKiosk = (): boolean => useContext(KioskContext);
