#!/usr/bin/env node
// The CLI as an installed command: runs src/cli.ts through tsx's loader.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.ts');
const { runCli } = await import(pathToFileURL(cli).href);
process.exitCode = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
  isTty: Boolean(process.stderr.isTTY),
});
