// The `authscope` executable (dist/cli/authscope.mjs): the commands of authscope.ts on this process's arguments,
// standard streams and files. Nothing else runs it, so it needs no "am I the main module" test — which npm's bin
// links (a symlink named `authscope`, a Windows .cmd shim) would defeat.
import { readFileSync } from 'node:fs';
import { run } from './authscope';
import { fileChunks } from './file-chunks';

void Promise.resolve(
  run(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: () => readFileSync(0, 'utf8'),
    chunks: fileChunks,
  }),
).then((code) => {
  process.exitCode = code;
});
