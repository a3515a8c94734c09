/**
 * True when `to` is exactly one plain email address (`local@domain.tld`): no display name, no list,
 * no line breaks. The dev inbox holds to the same rule as the SMTP mailer, so that a bug sending to
 * "a@x, b@y" or smuggling a header shows up in development, not in production.
 */
export const isSingleAddress = (to: string): boolean =>
  to.length <= 254 && /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\.]+$/u.test(to);
