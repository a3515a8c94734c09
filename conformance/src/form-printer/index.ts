/**
 * `@madoguchi/conformance/form-printer` — the contract every {@link FormPrinter} adapter passes, with the
 * layouts it prints and the PDF read-back it checks with.
 */
export {
  describeFormPrinterContract,
  formPrinterCases,
  type FormPrinterCase,
  type FormPrinterContractOptions,
  type FormPrinterHarness,
  type MakeFormPrinterHarness,
} from "./form-printer.contract.ts";
export { scanToPdfCases } from "./scan-cases.ts";
export { a4Form, a4Layout, landscapeLayout } from "./contract-layouts.ts";
export { readPrintedPdf, type PageTextItem, type PrintedPdf } from "./pdf-read-back.ts";
