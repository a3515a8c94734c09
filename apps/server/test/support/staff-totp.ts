import { createOtpauthAuthenticator } from "@madoguchi/adapter-otpauth";
import { TotpSecret, totpTimeStep } from "@madoguchi/core";
import { call, type JsonResponse } from "./api-client.ts";
import type { TestServer } from "./test-server.ts";

const totp = createOtpauthAuthenticator();

/** What a test remembers of an account's authenticator app: its secret and the last time step it used. */
interface App {
  readonly secret: string;
  lastStep: number;
}
const apps = new Map<string, App>();
const appKey = (server: TestServer, loginId: string) => `${server.staffUrl}|${loginId}`;

/**
 * The code an authenticator app shows, for a time step not used yet (each code works once; the
 * server accepts the previous, current and next step). Waits for the next step only when three
 * logins already used all three.
 */
export const nextTotpCode = async (app: App): Promise<string> => {
  let now = totpTimeStep(new Date());
  let step = Math.max(now - 1, app.lastStep + 1);
  while (step > now + 1) {
    await new Promise((r) => setTimeout(r, 1_000));
    now = totpTimeStep(new Date());
    step = Math.max(now - 1, app.lastStep + 1);
  }
  app.lastStep = step;
  return totp.codeAt(TotpSecret(app.secret), step)._unsafeUnwrap();
};

/** Tells the helper of an app a test enrolled by hand, so later logins in the test use it (and its used steps). */
export const rememberApp = (server: TestServer, loginId: string, app: App): void => void apps.set(appKey(server, loginId), app);

/** A code for a known account's app (after {@link staffLoginAs} enrolled it). */
export const totpCodeFor = (server: TestServer, loginId: string): Promise<string> => {
  const app = apps.get(appKey(server, loginId));
  if (app === undefined) throw new Error(`no authenticator enrolled for ${loginId} in this test`);
  return nextTotpCode(app);
};

const cookieOf = (res: JsonResponse): string => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** The whole staff login as the browser does it: password, then TOTP — or, the first time, the enrolment. */
export const staffLoginAs = async (server: TestServer, loginId: string, password: string) => {
  const first = await call(`${server.staffUrl}/api/staff/login`, { body: { loginId, password } });
  if (first.status !== 200) throw new Error(`login failed: ${first.status} ${JSON.stringify(first.body)}`);
  const pending = { cookie: cookieOf(first), "x-csrf-token": first.body.csrfToken as string };
  let done: JsonResponse;
  let recoveryCodes: string[] = [];
  if (first.body.next === "totp_enrolment") {
    const enrolment = await call(`${server.staffUrl}/api/staff/login/totp-enrolment`, { headers: pending, body: {} });
    if (enrolment.status !== 200) throw new Error(`enrolment failed: ${enrolment.status}`);
    const app: App = { secret: enrolment.body.secret as string, lastStep: -1 };
    apps.set(appKey(server, loginId), app);
    done = await call(`${server.staffUrl}/api/staff/login/totp-enrolment/confirm`, { headers: pending, body: { code: await nextTotpCode(app) } });
    recoveryCodes = (done.body?.recoveryCodes as string[] | undefined) ?? [];
  } else {
    done = await call(`${server.staffUrl}/api/staff/login/totp`, { headers: pending, body: { code: await totpCodeFor(server, loginId) } });
  }
  if (done.status !== 200) throw new Error(`second step failed: ${done.status} ${JSON.stringify(done.body)}`);
  return { headers: { cookie: cookieOf(done), "x-csrf-token": done.body.csrfToken as string }, setCookie: done.headers.get("set-cookie") ?? "", body: done.body, recoveryCodes };
};
