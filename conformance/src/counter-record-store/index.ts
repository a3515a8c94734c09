/** `@madoguchi/conformance/counter-record-store` — the contract every {@link CounterRecordStore} adapter passes. */
export { describeCounterRecordStoreContract, type CounterRecordStoreUnderTest, type MakeCounterRecordStore } from "./counter-record-store.contract.ts";
