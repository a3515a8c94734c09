import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/**
 * Row of `resident_accounts`. The address, its pending verification and any pending change of
 * address are one AES-256-GCM ciphertext in `sealed` under the row's data key; lookups go through
 * `emailIndex`, a keyed blind index of the normalised address.
 */
export const ResidentAccountEntity = defineEntity({
  name: "ResidentAccountRow",
  tableName: "resident_accounts",
  properties: {
    id: p.string().primary(),
    emailIndex: p.string(),
    passwordHash: p.string(),
    emailVerifiedAt: p.datetime().nullable(),
    secondFactor: p.string(),
    locale: p.string(),
    createdAt: p.datetime(),
    version: p.integer(),
    keyVersion: p.integer(),
    wrappedKey: p.uint8array(),
    sealed: p.uint8array(),
  },
});

/** A row of `resident_accounts`. */
export type ResidentAccountRow = InferEntity<typeof ResidentAccountEntity>;

/** Row of `resident_index_keys`: the wrapped key of a blind index (`id` names the index). */
export const ResidentIndexKeyEntity = defineEntity({
  name: "ResidentIndexKeyRow",
  tableName: "resident_index_keys",
  properties: {
    id: p.string().primary(),
    keyVersion: p.integer(),
    wrappedKey: p.uint8array(),
  },
});
