/**
 * A fresh submission key: 32 lowercase hex characters (a v4 UUID without dashes). Generated once per
 * application attempt and sent with every prepare/submit of that attempt, so a double click or a retry after
 * a lost answer returns the stored application instead of creating (and charging) a second one.
 */
export const newSubmissionKey = (): string => crypto.randomUUID().replaceAll("-", "");
