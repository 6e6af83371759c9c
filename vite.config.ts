// Builds the extension for one browser from the same sources: AUTHSCOPE_BROWSER=chrome|firefox → dist/<browser>.
// The manifest's version always comes from package.json.
import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };

const browser = process.env['AUTHSCOPE_BROWSER'] === 'firefox' ? 'firefox' : 'chrome';

export default defineConfig({
  // Firefox alone has `dns.resolve`, which predicts the SPN from the canonical name (README: permissions).
  plugins: [
    crx({
      manifest: {
        ...manifest,
        version: packageJson.version,
        permissions: browser === 'firefox' ? [...manifest.permissions, 'dns'] : manifest.permissions,
      },
      browser,
    }),
  ],
  build: {
    outDir: `dist/${browser}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The panel page is opened by devtools.ts at run time, so the manifest alone does not name it.
    rollupOptions: { input: { panel: 'src/panel/panel.html' } },
  },
});
