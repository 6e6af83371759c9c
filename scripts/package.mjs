// `npm run package`: builds, then zips dist/chrome (Chrome Web Store, Edge Add-ons) and dist/firefox (AMO) into
// artifacts/, named with the package.json version, packs the CLI (artifacts/authscope-cli-<version>.tgz, see
// pack-cli.mjs) and runs `web-ext lint` on the Firefox build (0 errors or fail).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
  return result;
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
run(process.execPath, ['scripts/build.mjs']);
for (const target of ['chrome', 'firefox']) {
  run('npx', [
    'web-ext',
    'build',
    '--source-dir',
    `dist/${target}`,
    '--artifacts-dir',
    'artifacts',
    '--filename',
    `authscope-${target}-${version}.zip`,
    '--overwrite-dest',
  ]);
}
run(process.execPath, ['scripts/pack-cli.mjs', '--out', 'artifacts']);
const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json'], { encoding: 'utf8' });
const report = JSON.parse(lint.stdout);
console.log(
  `web-ext lint dist/firefox: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
for (const message of [...report.errors, ...report.warnings])
  console.log(`  ${message._type} ${message.code} ${message.file ?? ''}: ${message.message}`);
if (report.summary.errors > 0) process.exit(1);
console.log(
  `artifacts/authscope-chrome-${version}.zip, artifacts/authscope-firefox-${version}.zip, artifacts/authscope-cli-${version}.tgz`,
);
