// Bundles src/entry.js into one script for the overview page, with the licence of every
// package that ends up in it written at the top (the MIT licences ask for their notices).
// Usage: node build.mjs OUTFILE
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const outfile = process.argv[2];
if (!outfile) {
  console.error("usage: node build.mjs OUTFILE");
  process.exit(2);
}

const result = await build({
  entryPoints: ["src/entry.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "none",
  metafile: true,
  write: false,
  logLevel: "warning",
});

// the packages whose code is in the bundle, by name, from the paths esbuild read
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((name) => {
  const folder = join("node_modules", name);
  const { version, license } = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name} ships no licence file`);
  const text = readFileSync(join(folder, file), "utf8").trim();
  return `${name} ${version} (${license})\n\n${text}`;
});
const banner = `/*\n${notices.join("\n\n----\n\n")}\n*/\n`;
const code = result.outputFiles[0].text;
if (/<\/script/i.test(banner + code) || notices.some((n) => n.includes("*/"))) {
  throw new Error("the bundle cannot be inlined in a page as it is");
}
// written aside and renamed, so that a half-written bundle is never read
const temporary = join(dirname(outfile), `.${process.pid}.tmp`);
writeFileSync(temporary, banner + code);
renameSync(temporary, outfile);
console.log(`${outfile}: ${[...packages].sort().join(", ")}`);
