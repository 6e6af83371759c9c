// Builds the extension for one browser from the same sources: AUTHSCOPE_BROWSER=chrome|firefox → dist/<browser>.
// The manifest's version always comes from package.json. AUTHSCOPE_RECORDER=1 builds the lab recorder instead
// (dist/recorder-<browser>: AuthScope with tools/record/background.ts as its background), never shipped.
import { type ManifestV3Export, crx } from '@crxjs/vite-plugin';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import extensionKey from './src/shared/extension-key.json' with { type: 'json' };

const browser = process.env['AUTHSCOPE_BROWSER'] === 'firefox' ? 'firefox' : 'chrome';
const recorder = process.env['AUTHSCOPE_RECORDER'] === '1';
const background = recorder ? 'tools/record/background.ts' : manifest.background.service_worker;

/**
 * Every module the background imports statically, in one chunk: the service worker loads one file (issue 5: ≤ 30 KB
 * gzipped), however the panel splits what it loads after its first paint (the detail pane, the reports).
 */
interface ChunkMeta {
  getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null;
}

function backgroundChunk(): (id: string, meta: ChunkMeta) => string | undefined {
  let modules: Set<string> | null = null;
  return (id, { getModuleInfo }) => {
    if (!modules) {
      const found = new Set<string>();
      const visit = (moduleId: string) => {
        if (found.has(moduleId)) return;
        found.add(moduleId);
        for (const imported of getModuleInfo(moduleId)?.importedIds ?? []) visit(imported);
      };
      visit(resolve(background));
      found.delete(resolve(background));
      modules = found;
    }
    // The worker's own files stay in its entry; what it shares with the panel (core, shared, the polyfill) is one chunk.
    return modules.has(id) && !id.startsWith(resolve('src/background')) ? 'core' : undefined;
  };
}

export default defineConfig({
  // Firefox alone has `dns.resolve`, which predicts the SPN from the canonical name (README: permissions).
  plugins: [
    crx({
      // crxjs's manifest type predates gecko's data_collection_permissions; the JSON is checked by web-ext lint.
      manifest: {
        ...manifest,
        version: packageJson.version,
        permissions: browser === 'firefox' ? [...manifest.permissions, 'dns'] : manifest.permissions,
        // Chromium: a fixed id for the companion's allowed_origins (src/shared/extension-id.ts); Firefox has its gecko id.
        ...(browser === 'chrome' ? { key: extensionKey.chromiumKey } : {}),
        background: { ...manifest.background, service_worker: background, scripts: [background] },
      } as unknown as ManifestV3Export,
      browser,
    }),
  ],
  build: {
    outDir: recorder ? `dist/recorder-${browser}` : `dist/${browser}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Vite's modulepreload polyfill fetch()es module URLs; extension pages support modulepreload natively, and the
    // built code must hold no network call (test/e2e/security.e2e.test.ts).
    modulePreload: { polyfill: false },
    // The panel page is opened by devtools.ts at run time, so the manifest alone does not name it.
    rollupOptions: { input: { panel: 'src/panel/panel.html' }, output: { manualChunks: backgroundChunk() } },
  },
});
