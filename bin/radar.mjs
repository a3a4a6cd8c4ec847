#!/usr/bin/env node
// `radar` (npx radar, npm run radar): the command line from compiled JavaScript, which starts several
// times faster than through a TypeScript loader. dist/ is rebuilt first whenever a source is newer.
import { compile, DIST, isFresh } from './compile.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

if (!isFresh()) {
  try {
    await compile();
  } catch (err) {
    process.stderr.write(`radar: could not compile the command line (${err.message}); run \`npm ci\` first.\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(join(DIST, 'src/cli/main.js')).href);
