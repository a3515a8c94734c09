/**
 * Whether a string has the shape of a signing-certificate password: 6–16 capital letters and digits.
 * Checked before calling the card so that a typo of shape does not cost one of the few tries.
 */
export const isValidCardPassword = (password: string): boolean => /^[A-Z0-9]{6,16}$/.test(password);
