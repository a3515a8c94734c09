import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One exchange seen by the proxy, as text. */
export interface RecordedExchange {
  readonly request: string;
  readonly response: string;
}

/** A loopback HTTP proxy that records every exchange it forwards. */
export interface RecordingProxy {
  readonly url: string;
  readonly exchanges: RecordedExchange[];
  close(): Promise<void>;
}

const headerText = (headers: IncomingHttpHeaders): string =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(", ") : (value ?? "")}`)
    .join("\n");

/**
 * Starts a recording reverse proxy on 127.0.0.1:0 forwarding to `target`: everything the madoguchi
 * side sends to the gateway (request line, headers, body) and gets back is kept as text, byte-exact.
 */
export const startRecordingProxy = async (target: string): Promise<RecordingProxy> => {
  const exchanges: RecordedExchange[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const requestChunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => requestChunks.push(chunk));
    req.on("end", () => {
      const requestBody = Buffer.concat(requestChunks);
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (upstreamRes) => {
          const responseChunks: Buffer[] = [];
          upstreamRes.on("data", (chunk: Buffer) => responseChunks.push(chunk));
          upstreamRes.on("end", () => {
            const responseBody = Buffer.concat(responseChunks);
            exchanges.push({
              request: `${req.method} ${req.url}\n${headerText(req.headers)}\n\n${requestBody.toString("utf8")}`,
              response: `${upstreamRes.statusCode}\n${headerText(upstreamRes.headers)}\n\n${responseBody.toString("utf8")}`,
            });
            res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
            res.end(responseBody);
          });
        },
      );
      forward.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
