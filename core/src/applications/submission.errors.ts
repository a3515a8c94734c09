/**
 * A submission key was sent again with different content. Keys identify one submission so that a
 * retry after a lost response returns the stored application instead of charging twice; reusing a
 * key for another application is a client bug, not a retry.
 */
export interface SubmissionKeyReused {
  readonly _tag: "SubmissionKeyReused";
  readonly code: "application.submission_key_reused";
}
