// One measurement for tools/bench/netlog.ts, in its own process so its peak memory (maxRSS) is its own:
// `baseline` loads everything and reads nothing, `json-parse` reads the file whole and JSON.parses it,
// `authscope` streams it through the NetLog import as `authscope analyze` does.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { NetLogImport } from '../../src/core/import/file-import';

const [mode, file] = process.argv.slice(2);
const started = performance.now();
let detail = '';
if (mode === 'json-parse') {
  const parsed = JSON.parse(readFileSync(file as string, 'utf8')) as { events: unknown[] };
  detail = `${parsed.events.length} events`;
} else if (mode === 'authscope') {
  const netlog = new NetLogImport();
  const fd = openSync(file as string, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) netlog.push(decoder.write(buffer.subarray(0, read)));
  closeSync(fd);
  const result = netlog.finish();
  detail = result.ok ? `${result.value.exchanges.length} exchanges` : result.error.code;
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, detail }));
