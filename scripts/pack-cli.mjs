// `node scripts/pack-cli.mjs [--out <dir>]`: the CLI as an npm tarball a support engineer installs with
// `npm install -g authscope-cli-<version>.tgz` (Linux, macOS, Windows; Node ≥ 20). It holds the one bundled file
// dist/cli/authscope.mjs (esbuild inlined every dependency), so installing it fetches nothing. Run after the build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'artifacts'));
const cli = join(root, 'dist/cli/authscope.mjs');
if (!existsSync(cli)) {
  console.error('dist/cli/authscope.mjs is missing: run `npm run build` first');
  process.exit(1);
}

const stage = mkdtempSync(join(tmpdir(), 'authscope-cli-'));
try {
  copyFileSync(cli, join(stage, 'authscope.mjs'));
  writeFileSync(
    join(stage, 'package.json'),
    `${JSON.stringify(
      {
        name: 'authscope-cli',
        version: project.version,
        description:
          'AuthScope CLI: decode Negotiate/NTLM tokens, explain NetLogs, HARs and IIS logs, probe this computer, and the browser companion.',
        license: project.license,
        bin: { authscope: 'authscope.mjs' },
        files: ['authscope.mjs'],
        engines: { node: '>=20' },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    join(stage, 'README.md'),
    [
      '# authscope-cli',
      '',
      'The AuthScope command line: `authscope decode`, `authscope analyze`, `authscope probe <url>` and',
      '`authscope companion install` (lets the AuthScope DevTools panel ask this computer). `authscope --help` for the rest.',
      '',
    ].join('\n'),
  );
  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8' }));
  console.log(join(out, packed[0].filename));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
