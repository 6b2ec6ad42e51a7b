// The TypeScript types of the JSON documents, generated from their JSON Schemas (which the
// Rust types generate: see tests/it/schemas.rs), so that the three cannot drift.
//
//   node www/tools/types.mjs [OUT_DIR]    (default: www/types; `cargo xtask types` runs it)
//
// Each www/schema/NAME.schema.json becomes OUT_DIR/NAME.d.ts.

import { readdir, readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const www = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] ?? join(www, "types");
const banner =
  "// Generated from www/schema/*.schema.json by `cargo xtask types`; do not edit.";

/**
 * `schema` without its `title`s: they are for people ("Yardstick build spec"), and the
 * converter would name types after them instead of after their definitions (`BuildSpec`).
 */
function untitled(schema) {
  if (Array.isArray(schema)) return schema.map(untitled);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!(key === "title" && typeof value === "string")) copy[key] = untitled(value);
  }
  return copy;
}

/** Names of the root types where the file's name would not do. */
const ROOT_NAMES = { document: "CompiledDocument" };

await mkdir(out, { recursive: true });
const schemas = (await readdir(join(www, "schema"))).filter((f) => f.endsWith(".schema.json"));
for (const file of schemas.sort()) {
  const raw = JSON.parse(await readFile(join(www, "schema", file), "utf8"));
  const schema = untitled(raw);
  const name = file.replace(/\.schema\.json$/, "");
  // The root type is named after the file (its title is for people: "Yardstick build spec").
  const root = ROOT_NAMES[name] ?? name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  const ts = await compile({ ...schema, description: schema.description ?? raw.title }, root, {
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    style: { singleQuote: false, printWidth: 100 },
  });
  await writeFile(join(out, `${name}.d.ts`), ts);
}
