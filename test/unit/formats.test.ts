// The formats' modules as each side takes them: the handler's bundle holds every writer and no reader, so that
// what only the CLI reads (the readers, fzstd) does not grow the function's zip.
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { HANDLER_ENTRY } from "../../lib/bundling";

describe("formats", () => {
  it("the handler's bundle takes every format's writer and none of their readers", () => {
    const { metafile } = buildSync({ entryPoints: [HANDLER_ENTRY], bundle: true, platform: "node", format: "cjs", write: false, metafile: true, logLevel: "silent" });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toEqual(expect.arrayContaining(["function/formats/writers.ts", "function/formats/jsonl/writer.ts", "function/formats/parquet/writer.ts"]));
    expect(inputs.filter((p) => /function\/formats\/(.+\/)?readers?\.ts$|\/fzstd\/|^cli\//.test(p))).toEqual([]);
  });
});
