/**
 * Marks a branch that the type checker proves unreachable. Used at the end of exhaustive `switch`es
 * so that adding a member to a union breaks the build until every switch handles it.
 * Throws because reaching it at run time is a programmer error.
 */
export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
};
