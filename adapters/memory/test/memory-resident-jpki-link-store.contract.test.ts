import { describeResidentJpkiLinkStoreContract } from "@madoguchi/conformance/resident-jpki-link-store";
import { createMemoryResidentJpkiLinkStore } from "../src/index.ts";

describeResidentJpkiLinkStoreContract("memory", async () => ({ store: createMemoryResidentJpkiLinkStore(), close: async () => undefined }));
