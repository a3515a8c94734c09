/**
 * Where things sit on a template's page once repeat groups are expanded: used to crop rows, to draw
 * synthetic scans and to check that no two regions of a layout overlap.
 */
import type { Region, RepeatGroup, Template, TemplateField } from "./template.ts";

/** The region of `field` in row `row` (0-based) of `group`: origin + row × step. */
export const rowRegion = (group: RepeatGroup, field: TemplateField, row: number): Region => ({
  ...field.region,
  x: field.region.x + row * group.step.dx,
  y: field.region.y + row * group.step.dy,
});

/** One placed rectangle of a template: a printed label, a field, or a field of a repeat row. */
export type PlacedRegion =
  | { readonly kind: "anchor"; readonly text: string; readonly region: Region }
  | { readonly kind: "field"; readonly key: string; readonly region: Region }
  | { readonly kind: "row"; readonly group: string; readonly row: number; readonly key: string; readonly region: Region };

/** Every anchor, field and repeat-group field of every row up to `maxCount`, in template order. */
export const placedRegions = (t: Template): PlacedRegion[] => [
  ...t.anchors.map((a): PlacedRegion => ({ kind: "anchor", text: a.text, region: a.region })),
  ...t.fields.map((f): PlacedRegion => ({ kind: "field", key: f.key, region: f.region })),
  ...t.repeatGroups.flatMap((g) =>
    Array.from({ length: g.maxCount }, (_, row) =>
      g.fields.map((f): PlacedRegion => ({ kind: "row", group: g.key, row, key: f.key, region: rowRegion(g, f, row) })),
    ).flat(),
  ),
];

/** True when two regions share an area (touching edges do not count: table cells may abut). */
export const regionsOverlap = (a: Region, b: Region): boolean =>
  a.x < b.x + b.width - 1e-9 && b.x < a.x + a.width - 1e-9 && a.y < b.y + b.height - 1e-9 && b.y < a.y + a.height - 1e-9;
