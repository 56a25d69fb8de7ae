#!/usr/bin/env node
// Generates the typed API client from the backend's OpenAPI schema (frontend/openapi.json):
//   src/client/schema.d.ts   – every path, operation and schema as TypeScript types (openapi-typescript)
//   src/client/specFields.ts – the training-spec field metadata (descriptions, defaults, bounds, 'auto') of the
//                              spec, its hyperparameters and its resources, and each of those schemas' own
//                              description, so the run form shows the server's own help text
// `--check` regenerates into a temporary folder and fails if the committed files differ (CI uses it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = join(root, "openapi.json");
const clientDir = join(root, "src", "client");
const check = process.argv.includes("--check");

const HEADER = "// GENERATED from frontend/openapi.json by `npm run generate-client`. Do not edit by hand.\n";

function specFields(schema) {
  const schemas = schema.components?.schemas ?? {};
  const pick = (name) => {
    const props = schemas[name]?.properties ?? {};
    const out = {};
    for (const [key, prop] of Object.entries(props)) {
      const variants = prop.anyOf ?? [prop];
      const numeric = variants.find((v) => v.type === "number" || v.type === "integer");
      const allowsAuto = variants.some((v) => v.const === "auto");
      const field = { description: prop.description ?? "", allowsAuto };
      if (prop.default !== undefined) field.default = prop.default;
      if (numeric) {
        field.type = numeric.type;
        for (const bound of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
          if (numeric[bound] !== undefined) field[bound] = numeric[bound];
        }
      }
      const enumVariant = variants.find((v) => Array.isArray(v.enum));
      if (enumVariant) field.enum = enumVariant.enum;
      out[key] = field;
    }
    return out;
  };
  // Group name in specFields → schema in openapi.json.
  const groups = { spec: "TrainingSpecCreate", hyperparameters: "Hyperparameters", resources: "Resources" };
  const missing = Object.values(groups).filter((name) => !schemas[name]);
  if (missing.length) throw new Error(`openapi.json has no ${missing.join(", ")} schema; the run form needs it.`);
  const body = Object.fromEntries(Object.entries(groups).map(([group, name]) => [group, pick(name)]));
  const descriptions = Object.fromEntries(Object.entries(groups).map(([group, name]) => [group, schemas[name].description ?? ""]));
  return (
    HEADER +
    "\nexport interface SpecField {\n" +
    "  description: string;\n  allowsAuto: boolean;\n  default?: unknown;\n" +
    "  type?: 'number' | 'integer';\n  minimum?: number;\n  maximum?: number;\n" +
    "  exclusiveMinimum?: number;\n  exclusiveMaximum?: number;\n  enum?: readonly string[];\n}\n\n" +
    "export const specFields = " +
    JSON.stringify(body, null, 2) +
    " as const satisfies Record<string, Record<string, SpecField>>;\n\n" +
    "/** Each group's schema description (the pydantic model's docstring). */\n" +
    "export const specGroupDescriptions = " +
    JSON.stringify(descriptions, null, 2) +
    " as const satisfies Record<keyof typeof specFields, string>;\n"
  );
}

async function generate(outDir) {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const ast = await openapiTS(schema, { alphabetize: true });
  const files = {
    "schema.d.ts": HEADER + "\n" + astToString(ast),
    "specFields.ts": specFields(schema),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
  return Object.keys(files);
}

if (!existsSync(schemaPath)) {
  console.error(`No ${relative(process.cwd(), schemaPath)}; generate it with \`python -m backend.cli openapi --out frontend/openapi.json\`.`);
  process.exit(2);
}

if (!check) {
  const names = await generate(clientDir);
  console.log(`Generated ${names.map((n) => `src/client/${n}`).join(", ")} from openapi.json`);
} else {
  const tmp = mkdtempSync(join(tmpdir(), "tunewright-client-"));
  try {
    const names = await generate(tmp);
    const stale = names.filter((name) => {
      const committed = join(clientDir, name);
      return !existsSync(committed) || readFileSync(committed, "utf8") !== readFileSync(join(tmp, name), "utf8");
    });
    if (stale.length) {
      console.error(
        `The generated API client is stale: ${stale.map((n) => `src/client/${n}`).join(", ")} ` +
          "differ from what frontend/openapi.json produces.\n" +
          "Run `npm run generate-client` in frontend/ and commit the result.",
      );
      process.exit(1);
    }
    console.log("API client is up to date with openapi.json.");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
