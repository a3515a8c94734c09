import { describeApplicationStoreContract, describeStaffStoreContract } from "@madoguchi/conformance/application-store";
import { createMemoryStore } from "../src/index.ts";

describeApplicationStoreContract("memory", async () => createMemoryStore(), { numRuns: 60, modelRuns: 60, testTimeout: 30_000 });

describeStaffStoreContract("memory", async () => createMemoryStore(), { numRuns: 60, testTimeout: 30_000 });
