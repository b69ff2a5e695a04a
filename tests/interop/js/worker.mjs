// A long-lived worker around Digital Bazaar's reference stack, driven by tests/interop/jsref.py.
//
// Protocol: newline-delimited JSON. One request per line on stdin,
//   {"id": n, "op": "...", ...arguments}
// one response per line on stdout, in request order,
//   {"id": n, "ok": true, "result": ...}  or  {"id": n, "ok": false, "error": "...", "code": ...}
// `code` is the jsonld.js error or safe-mode event code when there is one, otherwise null.
//
// Operations:
//   ping                               -> {node, packages: {name: version}}
//   canonize {doc}                     -> canonical N-Quads (eddsa-rdfc-2022 `canonize`, safe
//                                         mode, base null); a refusal is ok:false
//   canonize_batch {docs}              -> [{ok: true, result} | {ok: false, error, code}, ...]
//   sign {doc, seed, created}          -> `vc.issue` with DataIntegrityProof/eddsa-rdfc-2022,
//                                         the Ed25519 key of the 32-byte hex `seed`, its did:key
//                                         verification method and `created` as proof date
//   verify {doc, now?}                 -> {verified, errors} from `vc.verifyCredential`
//                                         (assertion purpose; `now` fixes the clock for
//                                         validFrom/validUntil; credentialStatus is not checked)
//   time {operation: "issue"|"verify", doc, seed, created?, now?, iterations?, warmup?}
//                                      -> {median_us, min_us, max_us, iterations, warmup}:
//                                         per-call times measured in Node with
//                                         process.hrtime.bigint(), so pipe and JSON costs are
//                                         excluded. For "verify" an unsigned `doc` is signed
//                                         with `seed` first. (The field is not called `op`:
//                                         that name is taken by the request itself.)
//
// Usage: node worker.mjs [--manifest path/to/manifest.json]

import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

import {createDocumentLoader, DEFAULT_MANIFEST, loadPinnedContexts} from './loader.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGES = [
  '@digitalbazaar/vc',
  '@digitalbazaar/eddsa-rdfc-2022-cryptosuite',
  '@digitalbazaar/data-integrity',
  '@digitalbazaar/ed25519-multikey',
  'jsonld',
  'jsonld-signatures',
  'rdf-canonize'
];

function manifestPath(argv) {
  const index = argv.indexOf('--manifest');
  return index === -1 ? DEFAULT_MANIFEST : argv[index + 1];
}

const documentLoader = createDocumentLoader(loadPinnedContexts(manifestPath(process.argv)));
const keys = new Map();

async function keyFromSeed(seedHex) {
  if(typeof seedHex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(seedHex)) {
    throw new TypeError('"seed" must be 32 bytes in hexadecimal');
  }
  if(!keys.has(seedHex)) {
    const seed = Uint8Array.from(Buffer.from(seedHex, 'hex'));
    const probe = await Ed25519Multikey.generate({seed});
    const controller = `did:key:${probe.publicKeyMultibase}`;
    keys.set(seedHex, await Ed25519Multikey.generate({seed, controller}));
  }
  return keys.get(seedHex);
}

function checkCreated(created) {
  // DataIntegrityProof rewrites `date` as YYYY-MM-DDThh:mm:ssZ; refuse anything it would change
  // so that both sides sign the same `created` string.
  if(typeof created !== 'string' ||
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(created) ||
    isNaN(new Date(created)) ||
    new Date(created).toISOString().slice(0, -5) + 'Z' !== created) {
    throw new TypeError(`"created" must be a UTC time in whole seconds, got ${created}`);
  }
  return created;
}

async function canonize(doc) {
  return cryptosuite.canonize(doc, {documentLoader, safe: true, base: null});
}

async function issue(doc, seedHex, created) {
  const key = await keyFromSeed(seedHex);
  const suite = new DataIntegrityProof({
    signer: key.signer(), date: checkCreated(created), cryptosuite
  });
  return vc.issue({credential: doc, suite, documentLoader});
}

async function verify(doc, now) {
  const suite = new DataIntegrityProof({cryptosuite});
  const options = {
    credential: doc,
    suite,
    documentLoader,
    // Status lists are Insigne's concern elsewhere; here only the proof is compared.
    checkStatus: async () => ({verified: true})
  };
  if(now !== undefined && now !== null) {
    options.now = now;
  }
  const result = await vc.verifyCredential(options);
  return {verified: result.verified === true, errors: verificationErrors(result)};
}

function verificationErrors(result) {
  const found = [];
  const visit = error => {
    if(!error) {
      return;
    }
    if(Array.isArray(error)) {
      error.forEach(visit);
      return;
    }
    if(Array.isArray(error.errors) && error.errors.length > 0) {
      error.errors.forEach(visit);
      return;
    }
    found.push(describe(error).error);
  };
  visit(result.error);
  for(const entry of result.results || []) {
    visit(entry.error);
    visit(entry.purposeResult?.error);
  }
  return [...new Set(found)];
}

function median(sorted) {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function time({operation, doc, seed, created = '2024-01-01T00:00:00Z', now, iterations = 100,
  warmup = 10}) {
  if(!Number.isInteger(iterations) || iterations < 1 || !Number.isInteger(warmup) ||
    warmup < 0) {
    throw new TypeError('"iterations" must be a positive integer, "warmup" a natural one');
  }
  let run;
  if(operation === 'issue') {
    run = async input => issue(input, seed, created);
  } else if(operation === 'verify') {
    const signed = doc.proof ? doc : await issue(structuredClone(doc), seed, created);
    doc = signed;
    run = async input => {
      const result = await verify(input, now);
      if(!result.verified) {
        throw new Error(`the timed credential does not verify: ${result.errors.join('; ')}`);
      }
      return result;
    };
  } else {
    throw new TypeError('time: "operation" must be "issue" or "verify"');
  }
  const samples = [];
  for(let i = 0; i < warmup + iterations; ++i) {
    const input = structuredClone(doc);
    const start = process.hrtime.bigint();
    await run(input);
    const elapsed = process.hrtime.bigint() - start;
    if(i >= warmup) {
      samples.push(Number(elapsed) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    median_us: median(samples),
    min_us: samples[0],
    max_us: samples[samples.length - 1],
    iterations,
    warmup
  };
}

function ping() {
  const packages = {};
  for(const name of PACKAGES) {
    const file = join(HERE, 'node_modules', name, 'package.json');
    packages[name] = JSON.parse(readFileSync(file, 'utf8')).version;
  }
  return {node: process.version, packages};
}

function describe(error) {
  const details = error?.details ?? {};
  const event = details.event;
  const code = details.code ?? event?.code ?? null;
  let message = `${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`;
  if(event) {
    message += ` (${event.code}: ${event.message})`;
  } else if(details.code) {
    message += ` (${details.code})`;
  }
  if(error?.cause?.message) {
    message += ` caused by: ${error.cause.message}`;
  }
  return {error: message, code};
}

async function canonizeBatch(docs) {
  if(!Array.isArray(docs)) {
    throw new TypeError('"docs" must be an array');
  }
  const results = [];
  for(const doc of docs) {
    try {
      results.push({ok: true, result: await canonize(doc)});
    } catch(error) {
      results.push({ok: false, ...describe(error)});
    }
  }
  return results;
}

const OPERATIONS = {
  ping: async () => ping(),
  canonize: async ({doc}) => canonize(doc),
  canonize_batch: async ({docs}) => canonizeBatch(docs),
  sign: async ({doc, seed, created}) => issue(doc, seed, created),
  verify: async ({doc, now}) => verify(doc, now),
  time: async request => time(request)
};

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch(error) {
    return {id: null, ok: false, error: `request is not JSON: ${error.message}`, code: null};
  }
  const {id = null, op} = request ?? {};
  const operation = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
  if(!operation) {
    return {id, ok: false, error: `unknown op ${JSON.stringify(op)}`, code: null};
  }
  try {
    return {id, ok: true, result: await operation(request)};
  } catch(error) {
    return {id, ok: false, ...describe(error)};
  }
}

// Requests run one at a time, in order, so that timings are never disturbed by another call.
let queue = Promise.resolve();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => {
  pending += chunk;
  let newline;
  while((newline = pending.indexOf('\n')) !== -1) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    if(line.trim() === '') {
      continue;
    }
    queue = queue.then(async () => {
      process.stdout.write(JSON.stringify(await handle(line)) + '\n');
    });
  }
});
// When stdin closes, Node exits by itself once the queued requests are answered.
