import fc from "fast-check";
import { APPLICATION_STATUSES, type Application, type ApplicationQuery } from "@madoguchi/core";
import { applicationArb, procedureIdArb } from "./application.arbitraries.ts";

/** Few distinct submission times, so that ordering ties (broken by id) happen often. */
const SUBMISSION_TIMES = [
  new Date("2026-04-01T00:00:00.000Z"),
  new Date("2026-04-01T00:00:00.001Z"),
  new Date("2026-11-23T09:30:00.000Z"),
  new Date("2027-01-01T00:00:00.000Z"),
];

/** Applications whose submission times collide often. */
export const listableApplicationArb: fc.Arbitrary<Application> = fc
  .tuple(applicationArb(), fc.constantFrom(...SUBMISSION_TIMES))
  .map(([app, submittedAt]) => ({ ...app, submittedAt }));

/** Filters and pages of `list`: absent, empty or partial filters; limit ≥ 1. */
export const applicationQueryArb: fc.Arbitrary<ApplicationQuery> = fc
  .record(
    {
      statuses: fc.subarray([...APPLICATION_STATUSES]),
      procedureIds: fc.uniqueArray(procedureIdArb, { maxLength: 3 }),
      limit: fc.integer({ min: 1, max: 12 }),
      // Mostly the first page: stores under test hold few applications, and an empty page proves little.
      offset: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 14 }) }),
    },
    { requiredKeys: ["limit", "offset"], noNullPrototype: true },
  )
  .map((q) => q as ApplicationQuery);
