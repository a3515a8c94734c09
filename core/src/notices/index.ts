/** notices/: what the municipality tells residents on the portal about its services (R14). */
export * from "./service-notice.ts";
export * from "./save-service-notices.ts";
