/**
 * `npm run bench`: measures the reference server against requirement N1 (a response in about 3 s
 * even at peak; 200 concurrent applications without problems). It reports; it never fails on time.
 * See bench/README.md for how to read the table.
 */
import { fileURLToPath } from "node:url";
import { parseBenchOptions, USAGE } from "./bench/bench-options.ts";
import { renderReport, writeResult } from "./bench/bench-report.ts";
import { countFailures, problemsOf, toRow, type BenchResult } from "./bench/bench-result.ts";
import { startBenchServer } from "./bench/bench-server.ts";
import { machineInfo } from "@madoguchi/ocr-engine";
import { measurePeakResidents, WHOLE_FLOW_ROW } from "./bench/measure-peak-residents.ts";
import { measureSingleRequests } from "./bench/measure-single-requests.ts";
import { measureStaffList } from "./bench/measure-staff-list.ts";
import { measureSubmitBurst } from "./bench/measure-submit-burst.ts";
import { staffLogin } from "./bench/staff-client.ts";
import { warmUp } from "./bench/warm-up.ts";

const RESULTS_DIR = fileURLToPath(new URL("../bench/results", import.meta.url));

// Progress goes to stderr so that stdout is the table alone; the elapsed time shows where a run spends it.
const begun = performance.now();
const progress = (text: string) => process.stderr.write(`bench [${((performance.now() - begun) / 1000).toFixed(1)} s]: ${text}\n`);

const main = async (): Promise<number> => {
  const parsed = parseBenchOptions(process.argv.slice(2));
  if (parsed.isErr()) {
    process.stderr.write(`${parsed.error.message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.value === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed.value;
  const machine = machineInfo();
  const startedAt = new Date().toISOString();

  progress("starting the reference server (embedded profile, SQLite in a temporary directory)");
  const server = await startBenchServer();
  let result: BenchResult;
  try {
    const t = { url: server.url, sandboxOrigin: server.sandboxOrigin };
    progress(`warming up (${options.warmup} untimed flows)`);
    await warmUp(t, options.warmup);

    progress(`phase 1: single requests, ${options.requests} of each, one at a time`);
    const single = await measureSingleRequests(t, options.requests);

    const staff = await staffLogin(server.staffUrl, server.staffPassword);
    if (staff.isErr()) throw new Error(`bench: the demo staff account cannot log in (${staff.error.status} ${staff.error.code})`);

    progress(`phase 2a: ${options.residents} residents at once (complete flows)`);
    const peak = await measurePeakResidents(t, staff.value, options.residents);
    progress(`phase 2b: ${options.residents} pre-signed submissions at once`);
    const burst = await measureSubmitBurst(t, staff.value, options.residents);

    progress(`phase 3: staff list, ${options.staffRequests} requests`);
    const staffList = await measureStaffList(staff.value, options.staffRequests);

    const measurements = [...single, ...peak.measurements, ...burst.measurements, staffList];
    const rows = measurements.map(toRow);
    const peaks = [peak, burst].map(({ measurements: _inRows, ...summary }) => summary);
    result = {
      schema: "madoguchi-bench@1",
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      machine,
      server: { profile: "embedded", database: "sqlite", inProcess: true },
      rows,
      peaks,
      // The whole-flow row repeats the failures of its steps: count each failure once.
      failures: countFailures(measurements.filter((m) => m.name !== WHOLE_FLOW_ROW).flatMap((m) => m.failures)),
      problems: problemsOf(rows, peaks),
    };
  } finally {
    await server.stop();
  }

  process.stdout.write(`${renderReport(result)}\n`);
  const [stamped, latest] = await writeResult(result, RESULTS_DIR);
  progress(`wrote ${stamped} and ${latest}`);
  // Only a run that could not be made fails; slow answers and errors are reported, not fatal.
  return 0;
};

process.exitCode = await main();
