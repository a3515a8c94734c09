/** One HTTP exchange as the benchmark saw it. */
export interface Exchange {
  /** `performance.now()` when the request was sent: with `ms`, when it was in flight. */
  readonly startedAt: number;
  /** From just before the request left to the last byte of the answer (`performance.now()`). */
  readonly ms: number;
  /** HTTP status; 0 when no answer came (connection refused, reset). */
  readonly status: number;
  /** The parsed JSON answer, or `null` (no body, not JSON, no answer). */
  readonly body: unknown;
  readonly headers: Headers | null;
}

/** Request options of {@link exchange}; a `body` makes it a JSON POST. */
export interface ExchangeInit {
  readonly method?: "GET" | "POST";
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const parseJson = (text: string): unknown => {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/**
 * Sends one request and times it to the end of the body, as a browser waits for it. JSON parsing
 * happens after the clock stops so that the client's own work is not charged to the server.
 * A network failure is an answer with status 0, not an exception: the benchmark counts it.
 */
export const exchange = async (url: string, init: ExchangeInit = {}): Promise<Exchange> => {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    return { startedAt: started, ms, status: res.status, body: parseJson(text), headers: res.headers };
  } catch {
    return { startedAt: started, ms: performance.now() - started, status: 0, body: null, headers: null };
  }
};

/**
 * The stable error code of an answer (`error.code` of the server's and the sandbox's error bodies),
 * `validation` for field errors, or `-`. Never a message: messages may quote what was sent.
 */
export const errorCodeOf = (body: unknown): string => {
  if (typeof body !== "object" || body === null) return "-";
  const error = (body as { error?: unknown }).error;
  if (typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string") {
    return (error as { code: string }).code;
  }
  return Array.isArray((body as { errors?: unknown }).errors) ? "validation" : "-";
};
