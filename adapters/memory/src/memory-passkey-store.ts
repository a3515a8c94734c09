import { errAsync, okAsync } from "neverthrow";
import { storageError, type Passkey, type PasskeyOwner, type PasskeyStore } from "@madoguchi/core";

const sameOwner = (a: PasskeyOwner, b: PasskeyOwner) => a.kind === b.kind && a.accountId === b.accountId;

/** The reference {@link PasskeyStore}: passkeys in a map by credential id, copied in and out. */
export const createMemoryPasskeyStore = (): PasskeyStore & { reset(): void } => {
  const rows = new Map<string, { owner: PasskeyOwner; passkey: Passkey }>();
  return {
    reset: () => rows.clear(),
    add: (owner, passkey) => {
      if (rows.has(passkey.credentialId)) return errAsync(storageError("passkey-store.add", "conflict", "credential id is registered already"));
      rows.set(passkey.credentialId, { owner: { ...owner }, passkey: { ...passkey, transports: [...passkey.transports] } });
      return okAsync(undefined);
    },
    list: (owner) =>
      okAsync(
        [...rows.values()]
          .filter((r) => sameOwner(r.owner, owner))
          .map((r) => ({ ...r.passkey }))
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
      ),
    findByCredentialId: (credentialId) => {
      const row = rows.get(credentialId);
      return okAsync(row === undefined ? null : { owner: { ...row.owner }, passkey: { ...row.passkey } });
    },
    recordUse: (credentialId, expectedSignCount, use) => {
      const row = rows.get(credentialId);
      if (row === undefined || row.passkey.signCount !== expectedSignCount) return okAsync(false);
      row.passkey = { ...row.passkey, signCount: use.signCount, lastUsedAt: use.usedAt };
      return okAsync(true);
    },
    remove: (owner, credentialId) => {
      const row = rows.get(credentialId);
      if (row === undefined || !sameOwner(row.owner, owner)) return okAsync(false);
      rows.delete(credentialId);
      return okAsync(true);
    },
  };
};
