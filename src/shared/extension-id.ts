// Who AuthScope is to a native-messaging host: the Chromium extension id (fixed by the public key in the Chrome build's
// manifest, so an unpacked AuthScope has the same id on every machine) and the Firefox add-on id. The companion lets
// these, and only these, talk to it.
import extensionKey from './extension-key.json' with { type: 'json' };

/** The public key (SubjectPublicKeyInfo, base64) the Chrome build's manifest carries as "key"; its SHA-256 makes the id. */
export const CHROMIUM_EXTENSION_KEY = extensionKey.chromiumKey;

/** The id Chrome, Chromium and Edge give AuthScope loaded with that key (derived in test/shared/extension-id.test.ts). */
export const CHROMIUM_EXTENSION_ID = 'ojjaaclocnjbknenpmlnddbbobinhdha';

/** manifest.json browser_specific_settings.gecko.id */
export const FIREFOX_ADDON_ID = 'authscope@authscope.dev';

/** The companion's native-messaging host name (lower case, dots: Chrome's and Firefox's rules). */
export const COMPANION_HOST = 'dev.authscope.companion';
