/** settings/: the municipality's settings changed at run time by administrators (today the audit retention). */
export * from "./municipality-setting.ts";
export * from "./settings-store.port.ts";
export * from "./audit-retention-setting.ts";
