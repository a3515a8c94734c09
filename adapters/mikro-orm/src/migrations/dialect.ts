/** The SQL dialects the store supports. */
export type Dialect = "sqlite" | "postgresql";
