import { errAsync, okAsync } from "neverthrow";
import { storageError, type ResidentJpkiLink, type ResidentJpkiLinkStore } from "@madoguchi/core";

/** The reference {@link ResidentJpkiLinkStore}: links in a map by key, copied in and out. */
export const createMemoryResidentJpkiLinkStore = (): ResidentJpkiLinkStore & { reset(): void } => {
  const rows = new Map<string, { accountId: string; link: ResidentJpkiLink }>();
  const copy = (link: ResidentJpkiLink): ResidentJpkiLink => ({ ...link, linkedAt: new Date(link.linkedAt) });
  return {
    reset: () => rows.clear(),
    add: (accountId, link) => {
      if (rows.has(link.key)) return errAsync(storageError("resident-jpki-link-store.add", "conflict", "the card is linked already"));
      rows.set(link.key, { accountId, link: copy(link) });
      return okAsync(undefined);
    },
    list: (accountId) =>
      okAsync(
        [...rows.values()]
          .filter((row) => row.accountId === accountId)
          .map((row) => copy(row.link))
          .sort((a, b) => a.linkedAt.getTime() - b.linkedAt.getTime()),
      ),
    findByKey: (key) => {
      const row = rows.get(key);
      return okAsync(row === undefined ? null : { accountId: row.accountId, link: copy(row.link) });
    },
    remove: (accountId, key) => {
      const row = rows.get(key);
      if (row === undefined || row.accountId !== accountId) return okAsync(false);
      rows.delete(key);
      return okAsync(true);
    },
    removeAll: (accountId) => {
      let removed = 0;
      for (const [key, row] of rows) {
        if (row.accountId === accountId) {
          rows.delete(key);
          removed += 1;
        }
      }
      return okAsync(removed);
    },
  };
};
