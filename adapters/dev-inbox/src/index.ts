/**
 * @madoguchi/adapter-dev-inbox — a `Mailer` that keeps sent mail in memory so the reference app can
 * show it (the `embedded` profile's mailer).
 */
export { createDevInbox, type DevInbox, type DevInboxMessage } from "./create-dev-inbox.ts";
export { DevInboxOptions } from "./dev-inbox.options.ts";
export { isSingleAddress } from "./recipient.ts";
