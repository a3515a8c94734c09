/** @madoguchi/adapter-clamd — the MalwareScanner port (N9) on ClamAV's clamd. */
export { createClamdScanner, type ClamdAddress, type ClamdScannerOptions } from "./create-clamd-scanner.ts";
export { startTestClamd, type TestClamd } from "./test-clamd.ts";
