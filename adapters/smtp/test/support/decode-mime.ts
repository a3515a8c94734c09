/**
 * Just enough MIME decoding (RFC 5322 unfolding, RFC 2047 encoded words, quoted-printable and base64
 * bodies, UTF-8) to read back what nodemailer sends as a single text/plain part. Written independently
 * of nodemailer so the tests check the wire format, not nodemailer against itself.
 */

/** A received message: decoded headers (lower-case names) and the decoded text body with `\n` line breaks. */
export interface DecodedMail {
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
}

const decodeQuotedPrintable = (s: string): Buffer => {
  const bytes: number[] = [];
  const input = s.replace(/=\r?\n/g, ""); // soft line breaks
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const hex = input.slice(i + 1, i + 3);
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push((c ?? "").charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
};

/** Decodes RFC 2047 encoded words; adjacent words are joined as bytes first (a character may span two). */
const decodeEncodedWords = (value: string): string => {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?)/g, "$1");
  let out = "";
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    if (pending.length > 0) out += Buffer.concat(pending).toString("utf8");
    pending = [];
  };
  for (const m of joined.matchAll(word)) {
    if (m.index > last) {
      flush();
      out += joined.slice(last, m.index);
    }
    const [, charset = "", encoding = "", text = ""] = m;
    if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
    pending.push(encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQuotedPrintable(text.replace(/_/g, " ")));
    last = m.index + m[0].length;
  }
  flush();
  return out + joined.slice(last);
};

/** Decodes a raw RFC 5322 message with a single text part; `raw` holds one character per byte ("binary"). */
export const decodeMime = (raw: string): DecodedMail => {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, "");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  const contentType = headers.get("content-type") ?? "text/plain";
  if (!/^text\/plain/i.test(contentType) || (/charset/i.test(contentType) && !/charset="?utf-8"?/i.test(contentType))) {
    throw new Error(`unexpected content type ${contentType}`);
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const bytes =
    encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : encoding === "quoted-printable" ? decodeQuotedPrintable(body) : Buffer.from(body, "binary");
  // SMTP ends the data with a line break; for line-oriented encodings it is not part of the text.
  const text = bytes.toString("utf8").replace(/\r\n/g, "\n");
  return { headers, text: encoding === "base64" ? text : text.replace(/\n$/, "") };
};
