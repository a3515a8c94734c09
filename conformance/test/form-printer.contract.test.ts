import { errAsync, okAsync } from "neverthrow";
import { describe, expect, it } from "vitest";
import { decodeFormLayout, FORM_PRINTER_CONTRACT, type FormLayout, type FormPrinter } from "@madoguchi/core";
import { a4Layout, formPrinterCases, landscapeLayout, scanToPdfCases } from "@madoguchi/conformance/form-printer";

/** A valid one-page PDF with nothing on the page: what a printer that draws nothing answers. */
const blankPdf = (widthPt: number, heightPt: number): Uint8Array => {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${widthPt.toFixed(2)} ${heightPt.toFixed(2)}] >>`,
  ];
  let body = "%PDF-1.7\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
};

const ptFromMm = (mm: number) => (mm * 72) / 25.4;
const meta = { contract: FORM_PRINTER_CONTRACT, name: "fixture", capabilities: new Set<never>() };

/** Answers a blank page of the layout's size for every form: right paper, nothing on it, never an error. */
const blankPrinter: FormPrinter = {
  meta,
  print: (layout: FormLayout) => okAsync(blankPdf(ptFromMm(layout.page.widthMm), ptFromMm(layout.page.heightMm))),
  // Every scan kept as the same A4 page, whatever its size or format.
  scanToPdf: () => okAsync(blankPdf(ptFromMm(210), ptFromMm(297))),
};

const throwingPrinter: FormPrinter = {
  meta,
  print: () => {
    throw new Error("not an error value");
  },
  scanToPdf: () => {
    throw new Error("not an error value");
  },
};

const failsCase = async (name: string, printer: FormPrinter): Promise<boolean> => {
  const c = formPrinterCases.find((x) => x.name === name);
  if (c === undefined) return expect.fail(`no case ${name}`);
  return c.run(printer).then(
    () => false,
    () => true,
  );
};

describe("form-printer contract suite", () => {
  it("prints on layouts that decode (every placement on the page, the last row included)", () => {
    for (const layout of [a4Layout, landscapeLayout]) {
      const decoded = decodeFormLayout(JSON.parse(JSON.stringify(layout)));
      expect(decoded.isOk() ? [] : decoded.error.issues, layout.id).toEqual([]);
    }
  });

  it("fails a printer that draws nothing on every case but the contract id and the A4 page size", async () => {
    const passed: string[] = [];
    for (const c of formPrinterCases) if (!(await failsCase(c.name, blankPrinter))) passed.push(c.name);
    expect(passed).toEqual(["declares the form-printer@1 contract", "prints one A4 portrait page of the layout's size"]);
  });

  it("fails a printer that throws on every case that prints", async () => {
    for (const c of formPrinterCases.slice(1)) expect(await failsCase(c.name, throwingPrinter), c.name).toBe(true);
  });

  it("fails a printer that declares another contract, or answers errors for every form", async () => {
    expect(await failsCase("declares the form-printer@1 contract", { ...blankPrinter, meta: { ...meta, contract: "form-printer@0" } })).toBe(true);
    const refusing: FormPrinter = { meta, print: () => errAsync({ code: "form.render_failed", message: "always" }), scanToPdf: () => errAsync({ code: "form.unreadable_scan", message: "always" }) };
    for (const c of formPrinterCases.slice(1)) expect(await failsCase(c.name, refusing), c.name).toBe(true);
  });

  it("fails a keeper of scans that ignores their size, throws, refuses everything, or accepts anything", async () => {
    const run = async (name: string, printer: FormPrinter) => {
      const c = scanToPdfCases.find((x) => x.name === name)!;
      return c.run(printer).then(() => false, () => true);
    };
    const refusing: FormPrinter = { ...blankPrinter, scanToPdf: () => errAsync({ code: "form.unreadable_scan", message: "always" }) };
    for (const c of scanToPdfCases.slice(0, 4)) {
      expect(await run(c.name, throwingPrinter), c.name).toBe(true);
      expect(await run(c.name, refusing), c.name).toBe(true);
    }
    for (const c of scanToPdfCases.slice(1, 3)) expect(await run(c.name, blankPrinter), c.name).toBe(true);
    expect(await run(scanToPdfCases[4]!.name, blankPrinter)).toBe(true);
  });
});
