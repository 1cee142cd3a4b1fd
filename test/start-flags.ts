// The Node flags `npm start` gives the server (package.json's start script, e.g. its heap limit):
// the bench and the tests' compiled server run under the same, so what they measure is the server's.
import { readFileSync } from 'node:fs';

const start: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start;
export const START_FLAGS: readonly string[] = start.split(/\s+/).filter((a) => a.startsWith('--'));
