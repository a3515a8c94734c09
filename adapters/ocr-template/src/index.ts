export { createTemplateOcrEngine, openTemplateOcrEngine, type TemplateOcrEngineOptions } from "./template-ocr-engine.ts";
export { toReadError } from "./map-ocr-error.ts";
