/** `@madoguchi/conformance/ocr-engine` — the contract every {@link OcrEngine} adapter passes, and its harness. */
export { checkOcrReading, describeOcrEngineContract, type OcrEngineHarness, type OcrSample } from "./ocr-engine.contract.ts";
