// Vitest global setup of both projects: builds the handler's zip (assets/function.zip) from the
// current function/ once per test run, before any worker reads it through the construct.
import { buildHandlerZip } from "../../lib/bundling";

export default function setup(): void {
  // Both projects' setups run in vitest's main process; the variable keeps it to one build a run.
  if (process.env.CKB_HANDLER_ZIP_BUILT) return;
  buildHandlerZip();
  process.env.CKB_HANDLER_ZIP_BUILT = "1";
}
