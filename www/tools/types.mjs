// The TypeScript types of the JSON documents, generated from their JSON Schemas (which the
// Rust types generate: see tests/it/schemas.rs), so that the three cannot drift.
//
//   node www/tools/types.mjs [OUT_DIR]    (default: www/types; `cargo xtask types` runs it)
//
// Every www/schema/NAME.schema.json's types go into OUT_DIR/documents.d.ts, each declared once.

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const www = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv[2] ?? join(www, "types");
const banner =
  "// Generated from www/schema/*.schema.json by `cargo xtask types`; do not edit.";

/**
 * `schema` without what would make the converter name a type twice or after the wrong thing:
 * `title`s are for people ("Yardstick build spec"), and types should be named after their
 * definitions (`BuildSpec`); anything beside a `$ref` (a field's own `description` or
 * `default`) makes the converter copy the referenced type (`Ranking1`), so a `$ref` stands
 * alone and the field is documented by its type.
 */
function untitled(schema) {
  if (Array.isArray(schema)) return schema.map(untitled);
  if (schema === null || typeof schema !== "object") return schema;
  /** @type {Record<string, unknown>} */
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    const title = key === "title" && typeof value === "string";
    const besideRef = key !== "$ref" && "$ref" in schema;
    if (!title && !besideRef) copy[key] = untitled(value);
  }
  return copy;
}

/** Names of the root types where the file's name would not do. */
const ROOT_NAMES = { document: "CompiledDocument" };

// One schema holding every document's root and definitions, so that a type they share (the
// aggregation methods, the ranking) is declared once. Rust type names are the definitions'
// names, so two documents naming the same definition mean the same type; a clash would be a
// different type under one name, and stops the generation.
/** @type {Record<string, unknown>} */
const defs = {};
/** @type {Record<string, unknown>} */
const properties = {};
const define = (/** @type {string} */ name, /** @type {unknown} */ schema, /** @type {string} */ file) => {
  if (name in defs && JSON.stringify(defs[name]) !== JSON.stringify(schema)) {
    throw new Error(`${file}: a different definition of ${name} than another schema's`);
  }
  defs[name] = schema;
};
const schemas = (await readdir(join(www, "schema"))).filter((f) => f.endsWith(".schema.json"));
for (const file of schemas.sort()) {
  const raw = JSON.parse(await readFile(join(www, "schema", file), "utf8"));
  const { $defs = {}, $schema, ...root } = untitled(raw);
  const name = file.replace(/\.schema\.json$/, "");
  const rootName = ROOT_NAMES[name] ?? name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  for (const [def, schema] of Object.entries($defs)) define(def, schema, file);
  define(rootName, { ...root, description: root.description ?? raw.title }, file);
  properties[rootName] = { $ref: `#/$defs/${rootName}` };
}
const ts = await compile(
  { type: "object", properties, additionalProperties: false, $defs: defs },
  "Documents",
  {
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    style: { singleQuote: false, printWidth: 100 },
  },
);
await mkdir(out, { recursive: true });
// The synthetic root that only gathers the documents is left out.
await writeFile(join(out, "documents.d.ts"), ts.replace(/\nexport interface Documents \{[^}]*\}\n/, "\n"));
