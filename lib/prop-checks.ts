// How the props are checked at construction: a literal is checked at synth; a Terraform reference (a token,
// known only at apply time) is not, or is refused by validateProps where the construct computes with it at synth.
import { Token } from "cdktf";

/** A string known at synth. */
export const literal = (v: unknown): v is string => typeof v === "string" && !Token.isUnresolved(v);
/** A value known only at apply time. */
export const reference = (v: unknown): boolean => v !== undefined && Token.isUnresolved(v);
/** `props[p]` is given and known at synth. */
export const known = <P, K extends keyof P>(props: P, p: K): boolean => props[p] !== undefined && !reference(props[p]);

/** The "prop: why" lines of one part's props, and the check that adds one when there is a why. */
export function propErrors(): { errors: string[]; check: (prop: string, why: string | undefined) => void } {
  const errors: string[] = [];
  return { errors, check: (prop, why) => void (why && errors.push(`${prop}: ${why}`)) };
}
