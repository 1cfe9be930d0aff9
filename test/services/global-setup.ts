// Vitest global setup for the integration tests: the test services, up for the whole run.
import { startTestServices } from "./start";

export default async function setup(): Promise<() => Promise<void>> {
  const services = await startTestServices();
  if (services.started.length) console.log(`test services up in ${services.startMs} ms: ${services.started.join(", ")}`);
  return services.stop;
}
