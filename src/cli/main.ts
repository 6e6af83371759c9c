// The `authscope` executable (dist/cli/authscope.mjs): the commands of authscope.ts on this process's arguments,
// standard streams and files. Nothing else runs it, so it needs no "am I the main module" test — which npm's bin
// links (a symlink named `authscope`, a Windows .cmd shim) would defeat.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './authscope';
import { fileChunks } from './file-chunks';

/** Files a directory may hold that analyze reads: NetLogs, HARs, IIS logs, and those kept gzipped. */
const READABLE = /\.(json|har|log|txt|gz)$/i;

function expandFiles(paths: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return walk(path);
        return entry.isFile() && READABLE.test(entry.name) ? [path] : [];
      });
  return paths.flatMap((path) => (path !== '-' && statSync(path).isDirectory() ? walk(path) : [path]));
}

void Promise.resolve(
  run(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: () => readFileSync(0, 'utf8'),
    chunks: fileChunks,
    files: expandFiles,
  }),
).then((code) => {
  process.exitCode = code;
});
