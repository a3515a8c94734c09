/**
 * True when `to` is exactly one plain email address (`local@domain.tld`): no display name, no list,
 * no line breaks. Checked before anything is sent, so a caller cannot turn one notification into
 * mail to several people or smuggle a header.
 */
export const isSingleAddress = (to: string): boolean =>
  to.length <= 254 && /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/u.test(to);
