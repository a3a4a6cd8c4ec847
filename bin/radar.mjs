#!/usr/bin/env node
// `npx radar …` / an installed `radar`: the TypeScript CLI run through tsx's loader, so the command
// works from a fresh clone with no build step (same as `npm run radar -- …`).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
