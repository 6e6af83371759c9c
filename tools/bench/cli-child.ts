// One `authscope` run in its own process for the hostile-scale bench: the CLI's own code on a file, its output counted
// (not kept), then its time, peak memory (maxRSS) and exit code as one JSON line.
import { run } from '../../src/cli/authscope';
import { fileChunks } from '../../src/cli/file-chunks';

let outBytes = 0;
let firstError = '';
const started = performance.now();
const exit = run(process.argv.slice(2), {
  out: (text) => void (outBytes += text.length + 1),
  err: (text) => void (firstError ||= text),
  stdin: () => '',
  chunks: fileChunks,
  files: (paths) => [...paths],
});
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, exit, outBytes, firstError }));
