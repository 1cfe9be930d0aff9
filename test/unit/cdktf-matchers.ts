// cdktf ships its matchers for jest only; this registers the resource and data-source ones with vitest.
import { testingMatchers, type TerraformResource } from "cdktf";
import { expect } from "vitest";

type Ctor = { tfResourceType: string } & (new (...args: never[]) => TerraformResource | object);

expect.extend({
  toHaveResourceWithProperties(received: string, type: Ctor, properties: Record<string, unknown> = {}) {
    return testingMatchers.returnMatcherToJest(testingMatchers.getToHaveResourceWithProperties()(received, type, properties));
  },
  toHaveDataSourceWithProperties(received: string, type: Ctor, properties: Record<string, unknown> = {}) {
    return testingMatchers.returnMatcherToJest(testingMatchers.getToHaveDataSourceWithProperties()(received, type, properties));
  },
});

declare module "vitest" {
  interface Assertion<T> {
    toHaveResourceWithProperties(type: Ctor, properties?: Record<string, unknown>): T;
    toHaveDataSourceWithProperties(type: Ctor, properties?: Record<string, unknown>): T;
  }
}
