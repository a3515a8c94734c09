import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { apiError } from "./sandbox-api-error.ts";

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/**
 * Express middleware admitting only requests with `Authorization: Bearer <secretKey>`. Both sides are
 * hashed first so the comparison is constant-time whatever the presented length.
 */
export const requireSecretKey = (secretKey: string): RequestHandler => {
  const expected = digest(secretKey);
  return (req, res, next) => {
    const match = /^Bearer (\S+)$/i.exec(req.get("authorization") ?? "");
    if (match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    const answer = apiError("unauthorized", "a valid secret key is required");
    res.status(answer.status).set("WWW-Authenticate", 'Bearer realm="madoguchi-sandbox"').json(answer.body);
  };
};
