import type { TestServer } from "./test-server.ts";
import { CARD_PASSWORD, DEMO_PASSWORD } from "./test-server.ts";
import { staffLoginAs } from "./staff-totp.ts";

export interface JsonResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export const call = async <T = any>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> => {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text === "" ? null : JSON.parse(text)) as T, headers: res.headers };
};

let counter = 0;
/** A fresh 32-character submission key, as the browser makes one per attempt. */
export const newSubmissionKey = () => `${Date.now().toString(36)}${(counter++).toString(36)}`.padEnd(32, "k");

/** A valid 住民票 application body as the web app sends it to prepare. */
export const juminhyoInput = (overrides: { applicant?: Record<string, unknown>; request?: Record<string, unknown> } = {}) => ({
  procedureId: "juminhyo",
  locale: "ja",
  submissionKey: newSubmissionKey(),
  applicant: {
    name: "窓口 太郎",
    nameKana: "まどぐち たろう",
    postalCode: "１００－０００１",
    address: "みほん県みほん市中央一丁目1番1号",
    dateOfBirth: "昭和50年3月4日",
    phone: "０３－１２３４－５６７８",
    email: "taro@example.jp",
    ...overrides.applicant,
  },
  request: { copies: "２", deliveryMethodId: "standard", extra: {}, ...overrides.request },
});

/** What the browser does: prepare, sign the canonical JSON with the test card, tokenise a card, submit. */
export const residentSubmits = async (
  server: TestServer,
  input: ReturnType<typeof juminhyoInput>,
  options: { cardNumber?: string; tamper?: (body: any) => any } = {},
) => {
  const prepared = await call(`${server.url}/api/applications/prepare`, { body: input });
  if (prepared.status !== 200) throw new Error(`prepare failed: ${JSON.stringify(prepared.body)}`);
  const signed = await call(`${server.url}/test-card/api/sign`, {
    body: { contentBase64: Buffer.from(prepared.body.canonicalJson, "utf8").toString("base64"), password: CARD_PASSWORD },
  });
  if (signed.status !== 200) throw new Error(`signing failed: ${JSON.stringify(signed.body)}`);
  const token = await tokenize(server, options.cardNumber ?? "4242424242424242");
  const body = { ...input, signature: { cmsBase64: signed.body.cmsBase64 }, payment: { token } };
  const submitted = await call(`${server.url}/api/applications`, { body: options.tamper ? options.tamper(body) : body });
  return { prepared, submitted, body };
};

/** Tokenises a card at the sandbox exactly as its hosted-fields iframe does (the card never reaches madoguchi). */
export const tokenize = async (server: TestServer, number: string): Promise<string> => {
  const payment = server.deps.payment;
  if (payment.kind !== "sandbox") throw new Error("tokenize: the test server runs the sandbox gateway");
  const base = new URL(payment.hostedFieldsUrl).origin;
  const res = await call(`${base}/v1/tokens`, { body: { number, expMonth: 12, expYear: 2030, cvc: "123", name: "TARO MADOGUCHI" } });
  if (res.status !== 200 && res.status !== 201) throw new Error(`tokenise failed: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
};

const liveStaffSessions = new Map<string, { cookie: string; "x-csrf-token": string }>();

/** A logged-in staff member: cookie and CSRF token. */
export const staffLogin = async (server: TestServer) => {
  // Password, then TOTP (the demo account enrols at its first login in each test server). A live
  // session of this server is reused: each TOTP code works once, so fresh logins would wait for codes.
  const cached = liveStaffSessions.get(server.staffUrl);
  const reusable = cached !== undefined && (await call(`${server.staffUrl}/api/staff/me`, { headers: cached })).status === 200;
  const headers = reusable ? cached : (await staffLoginAs(server, "demo-staff", DEMO_PASSWORD)).headers;
  liveStaffSessions.set(server.staffUrl, headers);
  return {
    headers,
    list: (query = "") => call(`${server.staffUrl}/api/staff/applications${query}`, { headers }),
    detail: (id: string) => call(`${server.staffUrl}/api/staff/applications/${id}`, { headers }),
    command: (id: string, command: string, expectedVersion: number, reason?: string) =>
      call(`${server.staffUrl}/api/staff/applications/${id}/commands`, {
        headers,
        body: { command, expectedVersion, ...(reason === undefined ? {} : { reason }) },
      }),
  };
};
