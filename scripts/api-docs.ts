// `npm run docs:api`: writes API.md, the API reference, from the TSDoc of what lib/index.ts exports.
// A unit test fails when API.md differs from what this generates.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";

export const API_MD = resolve(__dirname, "../API.md");
const ENTRY = resolve(__dirname, "../lib/index.ts");

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();
const cell = (s: string) => oneLine(s).replace(/\|/g, "\\|");

function docs(symbol: ts.Symbol, checker: ts.TypeChecker): { text: string; tags: Map<string, string> } {
  const tags = new Map(symbol.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text)]));
  return { text: ts.displayPartsToString(symbol.getDocumentationComment(checker)), tags };
}

function members(decl: ts.ClassDeclaration | ts.InterfaceDeclaration, checker: ts.TypeChecker, heading: string[]): string[] {
  const rows: string[] = [];
  for (const m of decl.members) {
    if (!(ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) || !m.name) continue;
    const modifiers = ts.getCombinedModifierFlags(m as ts.Declaration);
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    const symbol = checker.getSymbolAtLocation(m.name)!;
    const { text, tags } = docs(symbol, checker);
    const optional = !!m.questionToken;
    const type = m.type ? m.type.getText() : checker.typeToString(checker.getTypeAtLocation(m));
    const fallback = tags.has("default") ? tags.get("default")! : optional ? "" : "required";
    rows.push(`| \`${symbol.name}\` | \`${cell(type)}\` | ${cell(fallback)} | ${cell(text)} |`);
  }
  return rows.length ? [...heading, ...rows, ""] : [];
}

/** API.md's text. */
export function apiMarkdown(): string {
  const program = ts.createProgram([ENTRY], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  const out = [
    "# API reference",
    "",
    "Generated from the TSDoc in `lib/` by `npm run docs:api` (scripts/api-docs.ts); do not edit.",
    "`import { ... } from \"ckafka-cos-backup\"`. The provider bindings are in `ckafka-cos-backup/tencentcloud` (README, Provider bindings).",
    "",
  ];
  for (const exported of checker.getExportsOfModule(entry)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = symbol.declarations?.[0];
    if (!decl) continue;
    const { text } = docs(symbol, checker);
    if (ts.isClassDeclaration(decl)) {
      const ctor = decl.members.find(ts.isConstructorDeclaration);
      const params = ctor ? ctor.parameters.map((p) => p.getText()).join(", ") : "";
      out.push(`## class \`${symbol.name}\``, "", oneLine(text), "", "```ts", `new ${symbol.name}(${params})`, "```", "");
      out.push(...members(decl, checker, ["Public fields:", "", "| field | type | default | description |", "| --- | --- | --- | --- |"]));
    } else if (ts.isInterfaceDeclaration(decl)) {
      out.push(`## interface \`${symbol.name}\``, "", ...(text ? [oneLine(text), ""] : []));
      out.push(...members(decl, checker, ["| prop | type | default | description |", "| --- | --- | --- | --- |"]));
    } else if (ts.isFunctionDeclaration(decl)) {
      const signature = checker.signatureToString(checker.getSignatureFromDeclaration(decl)!);
      out.push(`## function \`${symbol.name}\``, "", "```ts", `${symbol.name}${signature}`, "```", "", ...(text ? [oneLine(text), ""] : []));
    }
  }
  return out.join("\n");
}

if (require.main === module) {
  writeFileSync(API_MD, apiMarkdown());
  console.log(`wrote ${API_MD}`);
}
