import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Three projects: `unit` needs no services (construct, config, format tests) and starts fast;
// `integration` runs against a real Kafka broker and a real object server started by its global setup;
// `package` packs the library and installs it into new apps, as a user does (npm cache or registry).
// unit and integration build the handler's zip first, once per run (test/setup/handler-zip.ts).
export default defineConfig({
  resolve: {
    // The examples import the package by its name, as a user's app does; tsc and tsx read tsconfig.json's paths.
    alias: [
      { find: /^ckafka-cos-backup$/, replacement: resolve(__dirname, "lib/index.ts") },
      { find: /^ckafka-cos-backup\/tencentcloud$/, replacement: resolve(__dirname, "generated/providers/tencentcloud/index.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          sequence: { groupOrder: 0 },
          globalSetup: ["test/setup/handler-zip.ts", "test/setup/temp-dir.ts"],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          sequence: { groupOrder: 0 },
          globalSetup: ["test/setup/handler-zip.ts", "test/services/global-setup.ts"],
          fileParallelism: false,
          // The handler's idle wait in the tests' runs (test/helpers/handler.ts), instead of 3 s after the last
          // record of every run that ends idle. Twice the consumer's fetch wait: the idle rule also needs two
          // empty fetches, which a loaded machine can make slow.
          env: { CKB_IDLE_MS: "1000" },
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
      {
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          // After the others: its builds and installs would load the machine under timing-sensitive tests.
          sequence: { groupOrder: 1 },
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
