// The Debian packages the lab and the real-browser tests need — one list and one installer for `npm test`,
// `npm start` and CI: as root it installs what is missing (apt-get), otherwise it names the exact command.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each package and a file it provides. */
export const DEBIAN_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['firefox-esr', '/usr/bin/firefox-esr'],
  ['curl', '/usr/bin/curl'],
  ['krb5-kdc', '/usr/sbin/krb5kdc'],
  ['krb5-admin-server', '/usr/sbin/kadmin.local'],
  ['krb5-user', '/usr/bin/kinit'],
  ['apache2', '/usr/sbin/apache2'],
  ['libapache2-mod-auth-gssapi', '/usr/lib/apache2/modules/mod_auth_gssapi.so'],
  // The lab's throwaway CA and HTTPS certificates (openssl), trusted by the test browsers' NSS databases (certutil).
  ['openssl', '/usr/bin/openssl'],
  ['libnss3-tools', '/usr/bin/certutil'],
];

/** The packages whose file is absent. */
export function missingPackages() {
  return DEBIAN_PACKAGES.filter(([, file]) => !existsSync(file)).map(([name]) => name);
}

/** The command a user runs to install them. */
export const installCommand = (missing) => `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;

/**
 * Installs the missing packages when running as root; otherwise leaves them missing. Returns what is still missing
 * afterwards (empty when everything is there) and, when something is, the command that would install it.
 */
export function ensureDebianPackages({ log = console.log } = {}) {
  const missing = missingPackages();
  if (missing.length === 0) return { missing: [], command: null };
  if (process.getuid?.() !== 0) return { missing, command: installCommand(missing) };
  log(`installing ${missing.join(', ')} (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } catch {
    const still = missingPackages();
    return { missing: still, command: still.length > 0 ? installCommand(still) : null };
  }
  const still = missingPackages();
  return { missing: still, command: still.length > 0 ? installCommand(still) : null };
}

// Run directly (`node tools/setup/debian-packages.mjs`, as CI does before `npm ci`): install, or say what to run.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { missing, command } = ensureDebianPackages();
  if (missing.length > 0) {
    console.error(`Missing Debian packages: ${missing.join(', ')}. Run:\n  ${command}`);
    process.exit(1);
  }
}
