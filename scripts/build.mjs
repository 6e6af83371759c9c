// `npm run build`: the extension for Chrome/Edge and Firefox (vite + crxjs) and the CLI (esbuild, one ESM file).
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const root = new URL('..', import.meta.url).pathname;

for (const browser of ['chrome', 'firefox']) {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, AUTHSCOPE_BROWSER: browser },
  });
  console.log(`built dist/${browser}`);
}

await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: `${root}dist/cli/authscope.mjs`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { __AUTHSCOPE_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
chmodSync(`${root}dist/cli/authscope.mjs`, 0o755);
console.log('built dist/cli/authscope.mjs');
