import { describeSettingsStoreContract } from "@madoguchi/conformance/settings-store";
import { createMemoryStore } from "../src/index.ts";

describeSettingsStoreContract("memory", async () => {
  const store = createMemoryStore();
  return {
    settings: store.settings,
    auditLog: store.auditLog,
    close: () => store.close(),
    writeRaw: async (key, json) => store.settings.writeRaw(key, json),
  };
});
