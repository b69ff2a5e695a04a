// An offline JSON-LD document loader for the reference stack.
//
// It serves exactly the contexts Insigne pins (src/insigne/core/jsonld/contexts/manifest.json,
// each file checked against its SHA-256) and builds did:key documents for Ed25519 keys.
// Every other URL is an error: the reference must see the same contexts Insigne sees, and
// nothing may come from the network.

import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_MANIFEST = resolve(
  HERE, '../../../src/insigne/core/jsonld/contexts/manifest.json');

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
// base58btc multibase of an Ed25519 public key (multicodec 0xed01): 'z6Mk' + 44 more.
const ED25519_DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{44})(?:#(.*))?$/;

export function loadPinnedContexts(manifestPath = DEFAULT_MANIFEST) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const base = dirname(manifestPath);
  const contexts = new Map();
  for(const {url, file, sha256} of manifest.contexts) {
    const bytes = readFileSync(join(base, file));
    const digest = createHash('sha256').update(bytes).digest('hex');
    if(digest !== sha256) {
      throw new Error(
        `pinned context ${file} does not match its SHA-256 in ${manifestPath}`);
    }
    contexts.set(url, JSON.parse(bytes.toString('utf8')));
  }
  return contexts;
}

export function didKeyDocument(publicKeyMultibase) {
  const did = `did:key:${publicKeyMultibase}`;
  const id = `${did}#${publicKeyMultibase}`;
  const key = {id, type: 'Multikey', controller: did, publicKeyMultibase};
  const document = {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [key],
    authentication: [id],
    assertionMethod: [id],
    capabilityDelegation: [id],
    capabilityInvocation: [id]
  };
  return {document, method: {'@context': MULTIKEY_V1, ...key}};
}

export function createDocumentLoader(contexts) {
  return async function documentLoader(url) {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
    }
    const match = ED25519_DID_KEY.exec(url);
    if(match) {
      const [, publicKeyMultibase, fragment] = match;
      // Refuses a malformed key (wrong length or multicodec) before any use.
      await Ed25519Multikey.from({
        '@context': MULTIKEY_V1, type: 'Multikey', publicKeyMultibase
      });
      const {document, method} = didKeyDocument(publicKeyMultibase);
      if(fragment === undefined) {
        return {contextUrl: null, documentUrl: url, document};
      }
      if(fragment === publicKeyMultibase) {
        return {contextUrl: null, documentUrl: url, document: method};
      }
    }
    throw new Error(
      `offline document loader: ${url} is neither a pinned context nor an ` +
      'Ed25519 did:key');
  };
}
