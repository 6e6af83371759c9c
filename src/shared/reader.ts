// Who reads a diagnosis, from the browser's own user agent: the panel and the copy unfold that system's and that
// browser's settings and fold the others.
import type { Reader } from '../core/diagnosis/policies';

type UserAgentBrands = { readonly brands?: readonly { readonly brand: string }[] };

/** Who reads a diagnosis here: this system and browser, whose settings the panel and the copy unfold. */
export function readerOf(
  userAgent: string = globalThis.navigator?.userAgent ?? '',
  brands: readonly string[] = ((globalThis.navigator as { userAgentData?: UserAgentBrands } | undefined)?.userAgentData?.brands ?? []).map(
    (entry) => entry.brand,
  ),
): Reader {
  const os: Reader['os'] = /Windows/.test(userAgent) ? 'windows' : /Mac OS X|Macintosh/.test(userAgent) ? 'macos' : 'linux';
  const browserName: Reader['browser'] = /Firefox\//.test(userAgent)
    ? 'firefox'
    : /Edg\//.test(userAgent) || brands.includes('Microsoft Edge')
      ? 'edge'
      : brands.includes('Google Chrome')
        ? 'chrome'
        : 'chromium';
  return { os, browser: browserName };
}
