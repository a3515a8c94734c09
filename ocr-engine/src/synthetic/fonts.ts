/**
 * Registers the Debian Japanese fonts with @napi-rs/canvas once. IPAmj明朝 comes first because it has
 * 𠮷 and the other 人名用 variants the fake names use; IPAex/IPA明朝 are fallbacks (IPAex lacks 𠮷,
 * which then renders from the next font in the list or as a missing glyph).
 */
import { existsSync } from "node:fs";
import { GlobalFonts } from "@napi-rs/canvas";
import { err, ok, type Result } from "neverthrow";
import { type SyntheticError, syntheticError } from "./synthetic.errors.ts";

/** A font file and the family alias it is registered under. */
export type FontCandidate = readonly [path: string, alias: string];

/** Debian paths tried for values and labels, best first. */
export const DEFAULT_FONT_CANDIDATES: { readonly mincho: readonly FontCandidate[]; readonly gothic: readonly FontCandidate[] } = {
  mincho: [
    ["/usr/share/fonts/truetype/ipamj/ipamjm.ttf", "SynthMjMincho"],
    ["/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", "SynthExMincho"],
    ["/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", "SynthMincho"],
  ],
  gothic: [
    ["/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", "SynthExGothic"],
    ["/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", "SynthGothic"],
  ],
};

/** CSS font-family lists (first registered font first) for mincho values and gothic labels. */
export interface SyntheticFonts {
  readonly mincho: string;
  readonly gothic: string;
  /** True when IPAmj明朝 is present (𠮷 renders correctly). */
  readonly hasIpamj: boolean;
}

let loaded: SyntheticFonts | null = null;

const register = (list: readonly FontCandidate[]): string[] =>
  list.filter(([path, alias]) => existsSync(path) && GlobalFonts.registerFromPath(path, alias) !== null).map(([, alias]) => `"${alias}"`);

/**
 * Loads the fonts (the default Debian ones once per process); an error names the Debian packages to
 * install. `candidates` replaces the default paths (tests, other distributions).
 */
export const loadSyntheticFonts = (candidates?: typeof DEFAULT_FONT_CANDIDATES): Result<SyntheticFonts, SyntheticError> => {
  if (candidates === undefined && loaded !== null) return ok(loaded);
  const list = candidates ?? DEFAULT_FONT_CANDIDATES;
  const mincho = register(list.mincho);
  if (mincho.length === 0) {
    return err(syntheticError("font-missing", "loadFonts",
      "No Japanese mincho font found: install the Debian package fonts-ipamj-mincho (has 𠮷) or fonts-ipaexfont-mincho / fonts-ipafont-mincho"));
  }
  const gothic = register(list.gothic);
  const fonts = {
    mincho: mincho.join(", "),
    gothic: [...gothic, ...mincho].join(", "),
    hasIpamj: list.mincho.some(([path, alias]) => path.endsWith("/ipamjm.ttf") && mincho[0] === `"${alias}"`),
  };
  if (candidates === undefined) loaded = fonts;
  return ok(fonts);
};
