// Vitest global setup for the integration tests: the test services, up for the whole run.
import { missingPrerequisites } from "./prerequisites";
import { startTestServices } from "./start";

export default async function setup(): Promise<() => Promise<void>> {
  const missing = missingPrerequisites();
  if (missing) {
    const err = new Error(missing);
    err.stack = `Error: ${missing}`; // the one line is the whole story
    throw err;
  }
  const services = await startTestServices();
  if (services.started.length) console.log(`test services up in ${services.startMs} ms: ${services.started.join(", ")}`);
  return services.stop;
}
