/**
 * @madoguchi/adapter-memory — the in-memory reference adapter of the storage ports.
 */
export { createMemoryStore, type MemoryStore } from "./create-memory-store.ts";
export { createMemoryPasskeyStore } from "./memory-passkey-store.ts";
export { createMemoryResidentJpkiLinkStore } from "./memory-resident-jpki-link-store.ts";
export { createMemoryResidentAccountStore, type MemoryResidentAccountStore } from "./memory-resident-account-store.ts";
export type { MemorySettingsStore } from "./memory-settings-store.ts";
export { createMemorySigningSessionStore } from "./memory-signing-session-store.ts";
