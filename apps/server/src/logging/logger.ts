import { pino, type Logger, type DestinationStream } from "pino";

/**
 * Paths that may carry personal data or secrets. Request bodies are never logged at all (the HTTP
 * logger only records method, route, status and timing); these paths are a second line of defence for
 * objects someone passes to the logger by mistake.
 */
export const REDACTED_PATHS = [
  "applicant",
  "*.applicant",
  "request.extra",
  "password",
  "*.password",
  "accessSecret",
  "*.accessSecret",
  "token",
  "*.token",
  "email",
  "*.email",
  "name",
  "*.name",
  "address",
  "*.address",
  "cmsBase64",
  "*.cmsBase64",
  "req.headers.cookie",
  "req.headers.authorization",
  "req.headers[\"x-csrf-token\"]",
  "res.headers[\"set-cookie\"]",
];

/** Creates the application's pino logger, JSON lines with personal data redacted. */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: "madoguchi" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
