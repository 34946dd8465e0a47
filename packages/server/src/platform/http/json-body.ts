import { DomainError } from '../../shared/domain-error.js';

/** How deeply objects and arrays may nest in a JSON request body. */
export const maxJsonDepth = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const loneSurrogate = /\p{Cs}/u; // with the u flag, only surrogates not paired into a code point match

function isUnsafeText(text: string): boolean {
  return text.includes('\u0000') || loneSurrogate.test(text);
}

/** Whether the bracket nesting of a JSON text goes deeper than `limit`, found in one pass without parsing. */
export function isNestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function isPoisonedKey(node: Record<string, unknown>, key: string): boolean {
  if (key === '__proto__') return true;
  const value = node[key];
  return key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value;
}

// Recursion is bounded: the text was checked against maxJsonDepth before parsing.
function checkValue(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (isUnsafeText(value)) throw invalidText(path);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}.${i}`));
    return;
  }
  const node = value as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    const at = `${path}.${key}`;
    if (isPoisonedKey(node, key)) {
      throw new DomainError('forbidden_json_key', `The key "${key}" is not allowed in a request body.`, {
        details: [{ path: at, message: 'prototype keys are not allowed' }],
      });
    }
    if (isUnsafeText(key)) throw invalidText(at);
    checkValue(node[key], at);
  }
}

function invalidText(path: string): DomainError {
  return new DomainError('invalid_text', 'A string contains a NUL character or an unpaired surrogate.', {
    details: [{ path, message: 'NUL characters and unpaired surrogates are not allowed' }],
  });
}

/**
 * Parses a JSON request body strictly: UTF-8 only, nesting at most {@link maxJsonDepth}, no prototype
 * keys (`__proto__`, `constructor.prototype`) at any depth, and no NUL or unpaired surrogate in any
 * string, which PostgreSQL and SQLite would otherwise store differently. Duplicate keys keep the last
 * value, as `JSON.parse` does, before the route's schema validates the result.
 *
 * @throws DomainError with code `malformed_json`, `json_too_deep`, `forbidden_json_key` or `invalid_text`.
 */
export function parseJsonBody(body: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    throw new DomainError('invalid_text', 'The request body is not valid UTF-8.', { cause: error });
  }
  if (text.trim() === '') throw new DomainError('malformed_json', 'The request body is empty.');
  if (isNestedDeeperThan(text, maxJsonDepth)) {
    throw new DomainError('json_too_deep', `The request body nests deeper than ${maxJsonDepth} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DomainError('malformed_json', 'The request body is not valid JSON.', { cause: error });
  }
  checkValue(value, 'body');
  return value;
}
