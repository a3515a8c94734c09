/** @madoguchi/adapter-clamd — the MalwareScanner port (N9) on ClamAV's clamd. */
export { clamdAddressText, parseClamdAddress, type ClamdAddress } from "./clamd-address.ts";
export { createClamdScanner, type ClamdScannerOptions } from "./create-clamd-scanner.ts";
export { startTestClamd, type TestClamd } from "./test-clamd.ts";
