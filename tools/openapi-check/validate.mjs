// Validates recorded API answers against the OpenAPI document they claim to follow.
//
//   node validate.mjs openapi.json exchanges.json
//
// exchanges.json: [{ method, path, status, contentType, headers: { lower-case name: value }, body }] where body is
// the answer's text ("" when none). For each answer: its operation (method + path matched to a path template) must
// be documented, and its status; its media type must be one the response lists, and the body must validate (Ajv,
// JSON Schema 2020-12 as OpenAPI 3.1 uses it) against that schema; a response without content must have no body;
// each header the response marks required must be present, and each contract header sent (ETag, Location,
// Retry-After, WWW-Authenticate, Idempotent-Replayed) must be declared. Prints one line per mismatch and a summary
// (JSON on the last line: operations seen, mismatches), exits 1 when there is any mismatch.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [documentPath, exchangesPath] = process.argv.slice(2);
if (!documentPath || !exchangesPath) {
  console.error('usage: node validate.mjs openapi.json exchanges.json');
  process.exit(2);
}

const document = JSON.parse(readFileSync(documentPath, 'utf8'));
const exchanges = JSON.parse(readFileSync(exchangesPath, 'utf8'));
const contractHeaders = ['etag', 'location', 'retry-after', 'www-authenticate', 'idempotent-replayed'];

// strict: false lets OpenAPI's own keywords (example, discriminator, xml) through; every JSON Schema keyword still applies.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 });
ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
ajv.addSchema({ $id: 'openapi.json', components: document.components ?? {} });

// A response schema with its local references pointed at the document's components.
const rebase = (node) => {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `openapi.json${v}` : rebase(v)]));
  }
  return node;
};

const validators = new Map();
const validatorFor = (key, schema) => {
  if (!validators.has(key)) validators.set(key, ajv.compile(rebase(schema)));
  return validators.get(key);
};

// Path templates, literal segments before parameters, so /webhooks/{id} does not take /webhooks/x/deliveries.
const templates = Object.keys(document.paths ?? {}).map((template) => ({
  template,
  regex: new RegExp('^' + template.split('/').map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/') + '$'),
  parameters: (template.match(/\{/g) ?? []).length,
})).sort((a, b) => a.parameters - b.parameters);

const mismatches = [];
const seen = new Set();
const statuses = new Set();
for (const [index, x] of exchanges.entries()) {
  const where = `#${index + 1} ${x.method} ${x.path} -> ${x.status}`;
  const problem = (text) => mismatches.push(`${where}: ${text}`);
  const method = x.method.toLowerCase();
  const path = x.path.split('?')[0];
  const match = templates.find((t) => t.regex.test(path) && document.paths[t.template][method]);
  if (!match) {
    problem('no documented operation');
    continue;
  }

  const operation = document.paths[match.template][method];
  seen.add(`${x.method.toUpperCase()} ${match.template}`);
  statuses.add(x.status);
  const response = operation.responses?.[String(x.status)] ?? operation.responses?.default;
  if (!response) {
    problem(`status ${x.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`);
    continue;
  }

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required && !(name.toLowerCase() in x.headers)) problem(`required header ${name} is missing`);
  }
  const declared = new Set(Object.keys(response.headers ?? {}).map((n) => n.toLowerCase()));
  for (const name of contractHeaders) {
    if (name in x.headers && !declared.has(name)) problem(`header ${name} is sent but not declared`);
  }

  const mediaType = (x.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!response.content || Object.keys(response.content).length === 0) {
    if (x.body) problem(`a body is sent (${mediaType || 'no content type'}) where none is documented`);
    continue;
  }

  const media = response.content[mediaType];
  if (!media) {
    problem(`content type '${mediaType}' is not documented (documented: ${Object.keys(response.content).join(', ')})`);
    continue;
  }
  if (!media.schema) continue;

  let body;
  try {
    body = mediaType.endsWith('json') ? JSON.parse(x.body) : x.body;
  } catch (e) {
    problem(`body is not JSON: ${e.message}`);
    continue;
  }

  const validate = validatorFor(`${match.template} ${method} ${x.status} ${mediaType}`, media.schema);
  if (!validate(body)) {
    for (const error of validate.errors) problem(`body${error.instancePath} ${error.message}${error.params && Object.keys(error.params).length ? ' ' + JSON.stringify(error.params) : ''}`);
  }
}

for (const line of mismatches) console.log(line);
console.log(`${exchanges.length} answers, ${seen.size} operations, ${mismatches.length} mismatches`);
console.log(JSON.stringify({ operations: [...seen].sort(), statuses: [...statuses].sort((a, b) => a - b), mismatches: mismatches.length }));
process.exit(mismatches.length === 0 ? 0 : 1);
