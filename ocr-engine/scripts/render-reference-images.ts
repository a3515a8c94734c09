/**
 * Regenerates the reference images of the shipped templates (`templates/reference/*.png`): each template's
 * blank form rendered from its drafted geometry with `renderReferenceImage` (no tint, no seal, 1-bit PNG at
 * the template's dpi), written to the path its `referenceImage` names. Rendering is deterministic, so the
 * files only change when a template's geometry or labels (or the fonts) change.
 *
 *   npx node ocr-engine/scripts/render-reference-images.ts           # write the images
 *   npx node ocr-engine/scripts/render-reference-images.ts --check   # exit 1 when a file is missing or stale
 *
 * A municipality registers a 300 dpi scan of its real blank form instead of a rendered one.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderReferenceImage } from "../src/synthetic/render-reference.ts";
import { loadTemplates, SHIPPED_TEMPLATES_DIR } from "../src/templates/load-templates.ts";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const templates = await loadTemplates(SHIPPED_TEMPLATES_DIR);
if (templates.isErr()) {
  console.error(templates.error.message);
  process.exit(1);
}
let stale = 0;
for (const template of templates.value) {
  if (template.referenceImage === null) {
    console.log(`${template.id}: referenceImage is null, skipped`);
    continue;
  }
  const target = resolve(SHIPPED_TEMPLATES_DIR, template.referenceImage);
  const png = await renderReferenceImage(template);
  if (png.isErr()) {
    console.error(`${template.id}: ${png.error.message}`);
    process.exit(1);
  }
  const shown = relative(process.cwd(), target);
  if (values.check) {
    const current = await readFile(target).catch(() => null);
    const same = current !== null && Buffer.compare(current, png.value) === 0;
    if (!same) stale++;
    console.log(`${template.id}: ${shown} ${same ? "up to date" : current === null ? "MISSING" : "STALE"}`);
  } else {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, png.value);
    console.log(`${template.id}: ${shown} (${(png.value.length / 1024).toFixed(1)} KB)`);
  }
}
if (stale > 0) {
  console.error(`${stale} reference image(s) missing or stale: run npx node ocr-engine/scripts/render-reference-images.ts`);
  process.exit(1);
}
