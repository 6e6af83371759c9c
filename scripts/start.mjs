// `npm start`: builds the extension and the CLI, then says how to load them. (The demo intranet that opens a
// browser on real traffic arrives with its own issue; until then this is the honest first step.)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`
AuthScope is built.

  Chrome / Edge: open chrome://extensions (edge://extensions), turn on Developer mode,
                 "Load unpacked" → ${resolve('dist/chrome')}
  Firefox:       open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…"
                 → ${resolve('dist/firefox/manifest.json')}

  Then open DevTools on any page and choose the "AuthScope" panel.

  CLI:           node dist/cli/authscope.mjs decode "Negotiate oRQwEqADCgEAoQsGCSqGSIb3EgECAg=="
`);
