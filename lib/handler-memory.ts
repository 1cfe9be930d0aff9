// The function's memory, told to the handler: as its budget (CKB_MEMORY_MIB, which the handler keeps its
// process under, function/memory-guard.ts) and as V8's heap limit through NODE_OPTIONS, so that Node.js 18,
// which sizes its heap from the machine, collects garbage before the function's memory runs out.
import { Fn, Op, Token } from "cdktf";
import { ENV } from "../function/config";

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
