#!/usr/bin/env node
// The `lathe` command: loads the TypeScript command line through tsx and exits with its status.

import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
