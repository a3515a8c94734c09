import { describeMailerContract } from "@madoguchi/conformance/mailer";
import { createDevInbox, type DevInbox } from "../src/index.ts";

// One inbox per test; readBack reads the inbox of the mailer under test (the raw store, not send's answer).
let current: DevInbox | undefined;

describeMailerContract(
  "dev-inbox",
  () => {
    current = createDevInbox({ capacity: 1000 });
    return current;
  },
  async (messageId) => {
    const found = current?.list().find((m) => m.id === messageId);
    return found === undefined ? null : { to: found.to, subject: found.subject, text: found.text };
  },
);
