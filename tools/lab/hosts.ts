// Lab host names in /etc/hosts. Browsers build the SPN from the canonical host name (docs/platform-notes.md), so each name
// gets its own line and resolves to 127.0.0.1; lines we did not write are never touched.
import { readFileSync, appendFileSync } from 'node:fs';

const HOSTS_FILE = '/etc/hosts';
const MARK = '# authscope lab';

/** Adds the names that are missing; fails with the exact line to add when /etc/hosts is not writable. */
export function ensureLabHosts(names: readonly string[]): void {
  const current = readFileSync(HOSTS_FILE, 'utf8');
  const known = new Set(
    current
      .split('\n')
      .filter((line) => line.trim().startsWith('127.0.0.1'))
      .map((line) => line.trim().split(/\s+/)[1]),
  );
  const missing = names.filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const lines = missing.map((name) => `127.0.0.1 ${name} ${MARK}\n`).join('');
  try {
    appendFileSync(HOSTS_FILE, (current.endsWith('\n') ? '' : '\n') + lines);
  } catch {
    throw new Error(`lab: add these lines to ${HOSTS_FILE} (as root) and run again:\n${lines}`);
  }
}
