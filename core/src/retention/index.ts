/** retention/: how long each kind of data is kept and its deletion when the period ends (S4). */
export * from "./application-retention.ts";
export * from "./purge-expired-applications.ts";
