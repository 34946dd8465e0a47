// `npm run openapi -w @meanwhile/server`: regenerates the committed openapi.json from the routes. Review
// the diff and commit it with the change that caused it (STYLE.md §10); a test fails while they differ.
import { writeFile } from 'node:fs/promises';
import { committedOpenApiFile, generateOpenApiDocument } from './openapi-document.js';

await writeFile(committedOpenApiFile, await generateOpenApiDocument());
console.log(`Wrote ${committedOpenApiFile}`);
