/**
 * The vocabularies of the synthetic world, as a deployment gives its real ones (place names from 総務省's
 * 全国地方公共団体コード and the アドレス・ベース・レジストリ, the 国籍・地域 list): every fictional prefecture
 * with every fictional municipality (the generator combines them freely) and every town, and the fictional
 * nationalities. The benchmark reads with them and reports the figures without them too.
 */
import type { Vocabularies } from "../postprocess/vocabularies.ts";
import { CITIES, PREFECTURES, TOWNS } from "./fake-residents.ts";
import { FICTIONAL_NATIONALITIES } from "./fake-values.ts";

export const syntheticVocabularies = (): Vocabularies => ({
  placeNames: {
    prefectures: PREFECTURES.map((name) => ({ name, municipalities: CITIES.map((city) => ({ name: city, towns: [...TOWNS] })) })),
  },
  lists: { nationality: [...FICTIONAL_NATIONALITIES] },
});
