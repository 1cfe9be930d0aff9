// The function's memory, told to the handler: as its budget (CKB_MEMORY_MIB, which the handler keeps its
// process under, function/memory-guard.ts) and as V8's heap limit through NODE_OPTIONS, so that Node.js 18,
// which sizes its heap from the machine, collects garbage before the function's memory runs out.
import { Fn, Op, Token } from "cdktf";
import { ENV, LIMITS } from "../function/config";

/**
 * V8's old space gets this share of the function's memory. The rest is for what lives outside it: the
 * young generation, Buffers (fetched records, object parts), zlib, code. Measured on Node.js 18.15 in a
 * memory cgroup of the function's size (README, "Memory and speed").
 */
export const HEAP_SHARE = 0.5;

/** CKB_MEMORY_MIB and NODE_OPTIONS for a function of `memoryMiB`; a reference becomes Terraform expressions. */
export function memoryEnvironment(memoryMiB: number): Record<string, string> {
  if (Token.isUnresolved(memoryMiB)) {
    return {
      [ENV.memoryMiB]: Token.asString(memoryMiB),
      NODE_OPTIONS: `--max-old-space-size=${Token.asString(Fn.floor(Op.mul(memoryMiB, HEAP_SHARE)))}`,
    };
  }
  return { [ENV.memoryMiB]: String(memoryMiB), NODE_OPTIONS: `--max-old-space-size=${Math.floor(memoryMiB * HEAP_SHARE)}` };
}

/** The plan-time check of a referenced `memoryMiB`: the values validateProps allows for a literal. */
export function memoryPrecondition(memoryMiB: number): { condition: string; errorMessage: string } {
  const { min, max, step } = LIMITS.memoryMiB;
  const multiple = Op.eq(Op.mul(Fn.floor(Op.div(memoryMiB, step)), step), memoryMiB);
  const allowed = Op.and(Op.and(Op.gte(memoryMiB, min), Op.lte(memoryMiB, max)), multiple);
  return {
    condition: Token.asString(allowed),
    errorMessage: `memoryMiB is not allowed; expected a multiple of ${step} from ${min} to ${max} (SCF's memory sizes).`,
  };
}
