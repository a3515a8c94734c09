/** settings/: the municipality's settings changed at run time by administrators (the retention periods). */
export * from "./municipality-setting.ts";
export * from "./settings-store.port.ts";
export * from "./audit-retention-setting.ts";
export * from "./retention-setting.ts";
export * from "./list-setting.ts";
