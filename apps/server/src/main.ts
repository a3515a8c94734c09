/**
 * `npm start`: the reference deployment. Configuration comes from the environment (see
 * config/config.ts); with no variables set it runs the embedded profile on http://localhost:3000.
 */
import { loadConfig } from "./config/config.ts";
import { startServer } from "./composition/start-server.ts";

const config = loadConfig(process.env);
if (config.isErr()) {
  console.error(config.error.message);
  process.exit(2);
}
const server = await startServer(config.value).catch((e: unknown) => {
  console.error(`madoguchi could not start: ${(e as Error).message}`);
  process.exit(1);
});
console.log(
  [
    `madoguchi: http://localhost:${new URL(server.url).port}/  (開発用受信箱 / dev inbox: /dev/inbox)`,
    `  職員用 / staff (LGWAN listener): http://localhost:${new URL(server.staffUrl).port}/staff`,
  ].join("\n"),
);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
