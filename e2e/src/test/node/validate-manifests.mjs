#!/usr/bin/env node
// Validates Kubernetes YAML offline, the way an API server would before storing it:
//
//   node validate-manifests.mjs --tools <dir> [--crd crd.yml ...] file.yaml ...
//
// - built-in kinds: against the Kubernetes OpenAPI schemas shipped by kubernetes-models;
// - kinds of a CRD given with --crd: the CRD's openAPIV3Schema after structural defaulting, with
//   unknown fields rejected (the API server would prune them silently) and the CEL rules that do
//   not compare with oldSelf evaluated (the small subset Parley's CRD uses);
// - any other custom kind is listed as skipped (e.g. ServiceMonitor: no schema here).
//
// <dir> is what dev/k8s-tools.sh prints (it holds node/node_modules). Prints one JSON line
// {"ok", "validated": [...], "skipped": [...], "errors": [...]} on stdout; exit 0 only when ok,
// 1 on an invalid document, 2 on bad usage or a missing tool.

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function usage(message) {
  process.stderr.write(`validate-manifests: ${message}\n` +
    'usage: node validate-manifests.mjs --tools <dir> [--crd crd.yml ...] file.yaml ...\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let tools;
const crdFiles = [];
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tools') tools = args[++i];
  else if (args[i] === '--crd') crdFiles.push(args[++i]);
  else files.push(args[i]);
}
if (!tools) usage('--tools is required');
if (files.length === 0) usage('no files to validate');

const modules = join(tools, 'node', 'node_modules');
for (const name of ['kubernetes-models', 'yaml', 'ajv']) {
  if (!existsSync(join(modules, name, 'package.json'))) {
    usage(`${name} is not installed under ${modules}: run dev/k8s-tools.sh`);
  }
}
const load = (relative) => import(pathToFileURL(join(modules, relative)).href);
const YAML = (await load('yaml/dist/index.js')).default;
const AjvModule = await load('ajv/dist/ajv.js');
const Ajv = AjvModule.default.default ?? AjvModule.default;

const validated = [];
const skipped = [];
const errors = [];

function documents(file) {
  return YAML.parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc, index) => {
      if (doc.errors.length > 0) {
        errors.push({ file, index, kind: null, name: null, errors: doc.errors.map((e) => e.message) });
        return null;
      }
      return { index, object: doc.toJS() };
    })
    .filter((d) => d && d.object);
}

// --- custom kinds: CRD schemas ---

/** apiVersion + kind -> { schema, validate } for every version a CRD given with --crd serves. */
const customKinds = new Map();

function strictSchema(schema) {
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Array.isArray(schema) ? schema.map(strictSchema) : {};
  if (Array.isArray(schema)) return copy;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'default' || key === 'example' || key === 'enum') copy[key] = value;
    else if (key === 'format') continue; // int32, int64, date-time: types are checked, formats are not
    else copy[key] = strictSchema(value);
  }
  if (copy.properties && copy.additionalProperties === undefined
      && !schema['x-kubernetes-preserve-unknown-fields']) {
    copy.additionalProperties = false;
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete copy.type;
  }
  return copy;
}

for (const file of crdFiles) {
  for (const { object: crd } of documents(file)) {
    if (crd.kind !== 'CustomResourceDefinition') continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema.openAPIV3Schema;
      // apiVersion, kind and metadata are checked by the API server itself, not by the CRD schema.
      const forAjv = strictSchema({
        ...schema,
        properties: {
          ...schema.properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' },
        },
      });
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
      customKinds.set(`${crd.spec.group}/${version.name}:${crd.spec.names.kind}`, {
        schema, validate: ajv.compile(forAjv), served: version.served,
      });
    }
  }
}

/** Structural defaulting: a missing property with a default gets it, inside objects that exist. */
function applyDefaults(schema, value) {
  if (!schema || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item) => applyDefaults(schema.items, item));
    return;
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (value[name] === undefined && property.default !== undefined) {
      value[name] = structuredClone(property.default);
    }
    applyDefaults(property, value[name]);
  }
}

/**
 * Evaluates the CEL rules that apply on create (those without oldSelf), for the subset of CEL that
 * reads like JavaScript: comparisons, &&, ||, string literals and has(). Others are reported.
 */
function celViolations(schema, value, path, unsupported) {
  const violations = [];
  if (!schema || value === undefined) return violations;
  for (const rule of schema['x-kubernetes-validations'] ?? []) {
    if (rule.rule.includes('oldSelf')) continue;
    const expression = rule.rule.replace(/has\(([\w.]+)\)/g, '($1 !== undefined)');
    if (!/^[\w\s.'"<>=!&|()$-]*$/.test(expression)) {
      unsupported.push(`${path}: ${rule.rule}`);
      continue;
    }
    let holds;
    try {
      holds = Function('self', `"use strict"; return (${expression});`)(value);
    } catch {
      unsupported.push(`${path}: ${rule.rule}`);
      continue;
    }
    if (!holds) violations.push(`${path}: ${rule.message ?? rule.rule}`);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      violations.push(...celViolations(property, value[name], `${path}.${name}`, unsupported));
    }
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => violations.push(...celViolations(schema.items, item, `${path}[${i}]`, unsupported)));
  }
  return violations;
}

function validateCustom(custom, object) {
  const problems = [];
  const defaulted = structuredClone(object);
  applyDefaults(custom.schema, defaulted);
  if (!custom.served) problems.push('this version of the CRD is not served');
  if (!custom.validate(defaulted)) {
    for (const e of custom.validate.errors) {
      const where = e.instancePath || '/';
      const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : '';
      problems.push(`${where} ${e.message}${extra}`);
    }
  }
  const unsupported = [];
  problems.push(...celViolations(custom.schema, defaulted, 'self', unsupported));
  return { problems, unsupported };
}

// --- built-in kinds: kubernetes-models ---

async function builtInModel(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const dir = group === '' ? version : `${group}/${version}`;
  const file = join(modules, 'kubernetes-models', dir, 'index.js');
  if (!existsSync(file)) return null;
  const exported = await import(pathToFileURL(file).href);
  return exported[kind] ?? null;
}

for (const file of files) {
  for (const { index, object } of documents(file)) {
    const { apiVersion, kind } = object;
    const name = object.metadata?.name ?? null;
    const entry = { file, index, kind, name };
    if (!apiVersion || !kind) {
      errors.push({ ...entry, errors: ['apiVersion and kind are required'] });
      continue;
    }
    const custom = customKinds.get(`${apiVersion}:${kind}`);
    if (custom) {
      const { problems, unsupported } = validateCustom(custom, object);
      if (problems.length > 0) errors.push({ ...entry, errors: problems });
      else validated.push({ ...entry, against: 'crd', celNotEvaluated: unsupported });
      continue;
    }
    const Model = await builtInModel(apiVersion, kind);
    if (!Model) {
      skipped.push({ ...entry, apiVersion, reason: 'no schema for this kind here' });
      continue;
    }
    try {
      new Model(object).validate();
      validated.push({ ...entry, against: 'kubernetes' });
    } catch (e) {
      errors.push({ ...entry, errors: [String(e.message ?? e)] });
    }
  }
}

const ok = errors.length === 0;
process.stdout.write(JSON.stringify({ ok, validated, skipped, errors }) + '\n');
process.exit(ok ? 0 : 1);
