// One `authscope` run in its own process for the hostile-scale bench: the CLI's own code on a file, its output counted
// (not kept), then its time, peak memory (maxRSS) and exit code as one JSON line.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { run } from '../../src/cli/authscope';

function* chunks(path: string): Iterable<string> {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

let outBytes = 0;
let firstError = '';
const started = performance.now();
const exit = run(process.argv.slice(2), {
  out: (text) => void (outBytes += text.length + 1),
  err: (text) => void (firstError ||= text),
  stdin: () => '',
  chunks,
});
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, exit, outBytes, firstError }));
