// Errors the CLI reports with an exit status of their own (EXIT in main.ts); any other error is a failed call.

/** Bad options or environment: exit 2, before any network call where the check needs none. */
export class UsageError extends Error {}

/** Nothing backed up where the options point (a mistyped --topic, --prefix, ...): exit 1, as verify's problem. */
export class NothingBackedUp extends Error {
  /** `options`: those that point at the location (--all-topics' location has no --topic). */
  constructor(what: string, location: string, options = "--bucket, --region, --prefix, --instance and --topic") {
    super(`no ${what} under ${location}: check ${options} (history lists the runs of a location)`);
  }
}

/**
 * An object whose stored bytes differ from every version the run manifests recorded for it (size, sha256), or,
 * with --require-manifest, objects no manifest lists: exit 1. Thrown before any record of the object is used.
 */
export class IntegrityError extends Error {}
