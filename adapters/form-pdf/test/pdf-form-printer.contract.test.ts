import { describeFormPrinterContract } from "@madoguchi/conformance/form-printer";
import { createPdfFormPrinter } from "../src/index.ts";

// One printer for the file: it reads the 46 MB font once, and printing keeps no other state between forms.
const printer = createPdfFormPrinter();

describeFormPrinterContract("pdf-lib-ipamj", () => ({ printer }));
