/**
 * R2: the app must run on Chrome ≥ 72, Edge ≥ 79 and Safari ≥ 12, not only on the latest browsers. The build
 * lowers the syntax to those browsers (`build.target` in vite.config.ts); this module, imported first, adds the
 * newer standard APIs that the app and its libraries call and that those browsers lack — from core-js (the
 * standard library's polyfills) and abortcontroller-polyfill (Safari 12.0). Each one installs itself only where
 * it is missing (about 13 kB gzipped in all). `tests/architecture/web-supported-browsers.test.ts` fails when the bundle calls a newer
 * API that is not listed here.
 */
import "core-js/actual/global-this"; // Chrome 71, Safari 12.1
import "core-js/actual/object/from-entries"; // Chrome 73, Safari 12.1
import "core-js/actual/object/has-own"; // Chrome 93, Safari 15.4
import "core-js/actual/queue-microtask"; // Chrome 71, Safari 12.1
import "core-js/actual/string/replace-all"; // Chrome 85, Safari 13.1
import "abortcontroller-polyfill/dist/abortcontroller-polyfill-only"; // Safari 12.1
