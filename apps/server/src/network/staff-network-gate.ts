import type { Request, RequestHandler } from "express";
import type { AddressList } from "./address-list.ts";

/**
 * Lets a request through only when its client address — the socket's peer, or, when that peer is a
 * trusted proxy, the address that proxy reports (Express `trust proxy`, set from the same list) — is
 * in the allow-list. A forged X-Forwarded-For from an untrusted hop changes nothing: Express then
 * ignores the header. Refusals are answered 403 after `onDenied` has recorded them.
 */
export const staffNetworkGate =
  (allowed: AddressList, onDenied: (req: Request) => Promise<void> | void): RequestHandler =>
  (req, res, next) => {
    const client = req.ip;
    if (client !== undefined && allowed.includes(client)) {
      next();
      return;
    }
    void Promise.resolve(onDenied(req)).finally(() =>
      res.status(403).json({
        error: {
          code: "staff.network_denied",
          message: "職員用画面は庁内ネットワーク（LGWAN）からのみ利用できます / The staff system is only available from the municipal network (LGWAN)",
        },
      }),
    );
  };
