import { readFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

const openApiFile = new URL('../../server/openapi.json', import.meta.url);
const schemaFile = new URL('./schema.ts', import.meta.url);

describe('the committed client types', () => {
  it('match the server’s committed OpenAPI document (run `npm run generate -w @meanwhile/api-client`)', async () => {
    const generated = astToString(await openapiTS(JSON.parse(await readFile(openApiFile, 'utf8'))));
    const committed = await readFile(schemaFile, 'utf8');
    const body = (text: string) => text.slice(text.indexOf('export interface paths'));
    expect(body(committed)).toBe(body(generated));
  });
});
