import { describeOcrEngineContract } from "@madoguchi/conformance/ocr-engine";
import { loadTemplateCatalog, SHIPPED_TEMPLATES_DIR } from "@madoguchi/ocr-engine";
import { createTemplateOcrEngine } from "../src/index.ts";
import { blankPage, syntheticSample, TODAY } from "./synthetic-sample.ts";

/** The shipped templates, one worker per core; the sample is a generated 世田谷区 転出証明書. */
describeOcrEngineContract("template-ocr-tesseract", async () => {
  const catalog = (await loadTemplateCatalog(SHIPPED_TEMPLATES_DIR))._unsafeUnwrap();
  const template = catalog.templates.find((t) => t.id === "tenshutsu-shomeisho/131121/v1")!;
  return {
    engine: createTemplateOcrEngine({ catalog, workers: 2 }),
    sample: await syntheticSample(template, 7),
    blankPage: { bytes: await blankPage() },
    today: TODAY,
  };
});
