import type { Router } from "express";
import { COUNTER_PHRASES_SETTING, MAX_COUNTER_PHRASE_LENGTH, MAX_COUNTER_PHRASES } from "@madoguchi/core";
import type { ServerDeps } from "../server-deps.ts";
import { listSettingRoutes } from "./list-setting-routes.ts";

/**
 * C6 語句登録 on the staff listener: the counter's registered phrases, read and replaced as a whole by members with
 * `counter.use` (the counter's staff keep their own wording). Each change is audited in its transaction, by count.
 */
export const counterPhraseRoutes = (deps: ServerDeps): Router =>
  listSettingRoutes(deps, {
    path: "/api/staff/counter/phrases",
    key: COUNTER_PHRASES_SETTING,
    permission: "counter.use",
    itemsName: "phrases",
    invalid: {
      ja: `登録語句を確認してください（1語句は1行・${MAX_COUNTER_PHRASE_LENGTH}文字まで、同じ語句は1回、${MAX_COUNTER_PHRASES}件まで）。`,
      en: `Check the phrases (one line of at most ${MAX_COUNTER_PHRASE_LENGTH} characters each, each once, at most ${MAX_COUNTER_PHRASES}).`,
    },
    conflictCode: "counter.phrases_conflict",
    conflict: { ja: "ほかの職員が同時に登録語句を変更しました。再読み込みしてください。", en: "Another staff member changed the phrases at the same time. Reload them." },
  });
