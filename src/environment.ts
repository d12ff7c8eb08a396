// The one way both entry points (the bot and the CLI) read their environment: a supported Node
// first, then `.env` from the working folder (variables already set win), so `npm start` and
// `npm run cli` always agree on the database and everything else.
import { existsSync } from 'node:fs';
import { assertSupportedNode } from './node-version.ts';

export function readEnvironment(envFile = '.env'): Record<string, string | undefined> {
  assertSupportedNode();
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}
