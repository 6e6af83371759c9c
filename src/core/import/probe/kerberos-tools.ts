// What this computer's Kerberos tools answered, read from their output: whether a service ticket for the SPN could be
// had (MIT `kvno`, Heimdal / macOS `kgetcred`, Windows `klist get`), with which encryption type, and whether the user
// holds a ticket-granting ticket (MIT / Heimdal / macOS `klist`, Windows `klist tgt`). The tools run in the C locale
// (English messages, MM/DD/YY dates); every reader takes the output and the exit status and never throws.
import type { CredentialCache, TicketError, TicketResult } from '../../diagnosis/probe';

/** The first line that says something (not a prompt echo, not blank). */
function firstLine(output: string): string {
  return (
    output
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line && !/^(C:.*>|PS .*>|\$ |Current LogonId)/.test(line)) ?? ''
  );
}

/** MIT and Heimdal messages, and Windows status codes, as what they mean for the browser. */
function ticketError(text: string): TicketError {
  if (/not found in Kerberos database|LOOKING_UP_SERVER|KDC_ERR_S_PRINCIPAL_UNKNOWN|0xc000018b|0x80090303/i.test(text))
    return 'KDC_ERR_S_PRINCIPAL_UNKNOWN';
  if (
    /No credentials cache|No ticket file|credentials cache file|No credentials (are available|were supplied)|0x8009030e|lstat\(/i.test(text)
  )
    return 'no-credentials';
  if (/Ticket expired|Matching credential not found \(krbtgt\//i.test(text)) return 'ticket-expired';
  if (/encryption type|ETYPE_NOSUPP|0xc00002fd/i.test(text)) return 'KDC_ERR_ETYPE_NOSUPP';
  if (/Cannot contact any KDC|Cannot find KDC|unable to reach any KDC|0xc000005e/i.test(text)) return 'kdc-unreachable';
  if (/Clock skew too great|KRB_AP_ERR_SKEW/i.test(text)) return 'clock-skew';
  return 'other';
}

/** `kvno <spn>` (MIT): "HTTP/web@R: kvno = 2" on success. */
export function readKvno(spn: string, output: string, exitCode: number): TicketResult {
  const said = firstLine(output);
  const ok = exitCode === 0 && /:\s*kvno\s*=\s*\d+/.test(said);
  return { ok, spn, etype: null, error: ok ? null : ticketError(output), said };
}

/** `kgetcred <spn>` (Heimdal, macOS): silent on success, "kgetcred: krb5_get_creds: …" on failure. */
export function readKgetcred(spn: string, output: string, exitCode: number): TicketResult {
  const said = firstLine(output) || (exitCode === 0 ? 'kgetcred: ticket obtained' : `kgetcred exited with ${exitCode}`);
  const ok = exitCode === 0 && !/kgetcred:/.test(output);
  return { ok, spn, etype: null, error: ok ? null : ticketError(output), said };
}

/** Windows `klist get <spn>`: "A ticket to … has been retrieved successfully." and the cached tickets, or
 *  "klist failed with 0x…/…: message". */
export function readKlistGet(spn: string, output: string, exitCode: number): TicketResult {
  const failure = /klist failed with (0x[0-9a-f]+)\/-?\d+: (.*)/i.exec(output);
  const ok = exitCode === 0 && !failure && /has been retrieved successfully/i.test(output);
  const said = failure ? `klist failed with ${failure[1]}: ${failure[2]?.trim()}` : firstLine(output);
  return { ok, spn, etype: ok ? windowsTicketEtype(output, spn) : null, error: ok ? null : ticketError(output), said };
}

/** Windows names etypes its own way ("AES-256-CTS-HMAC-SHA1-96", "RSADSI RC4-HMAC(NT)"): the RFC name. */
function windowsEtypeName(text: string): string {
  const upper = text.toUpperCase();
  if (upper.includes('RC4')) return 'rc4-hmac';
  if (upper.includes('AES-256')) return 'aes256-cts-hmac-sha1-96';
  if (upper.includes('AES-128')) return 'aes128-cts-hmac-sha1-96';
  if (upper.includes('DES')) return 'des-cbc-md5';
  return text.trim().toLowerCase();
}

/** The encryption type of the cached ticket for `spn` in `klist` / `klist get` output (Windows). */
export function windowsTicketEtype(output: string, spn: string): string | null {
  const service = spn.toLowerCase();
  for (const block of output.split(/#\d+>/)) {
    const server = /Server:\s*(\S+)/i.exec(block)?.[1]?.toLowerCase();
    const etype = /KerbTicket Encryption Type:\s*(.+)/i.exec(block)?.[1];
    if (server === service && etype) return windowsEtypeName(etype);
  }
  return null;
}

/** The encryption type of the cached ticket for `spn` in MIT `klist -e` output ("Etype (skey, tkt): a, b"). */
export function mitTicketEtype(output: string, spn: string): string | null {
  const lines = output.split(/\r?\n/);
  const wanted = spn.toLowerCase();
  for (let index = 0; index < lines.length; index++) {
    const principal = lines[index]?.trim().split(/\s+/).at(-1)?.toLowerCase() ?? '';
    if (principal.split('@')[0] !== wanted) continue;
    const etypes = /Etype \(skey, tkt\):\s*([^,]+),\s*(\S+)/.exec(lines[index + 1] ?? '');
    if (etypes?.[2]) return etypes[2];
  }
  return null;
}

/** Heimdal `klist -v`: "Server: HTTP/web@R" … "Ticket etype: aes256-cts-hmac-sha1-96, kvno 2". */
export function heimdalTicketEtype(output: string, spn: string): string | null {
  const wanted = spn.toLowerCase();
  for (const block of output.split(/\n\s*\n/)) {
    const server = /Server:\s*(\S+)/.exec(block)?.[1]?.toLowerCase().split('@')[0];
    const etype = /Ticket etype:\s*([^,\s]+)/.exec(block)?.[1];
    if (server === wanted && etype) return etype;
  }
  return null;
}

/** MIT or Heimdal `klist`: "Default principal:" / "Principal:", the krbtgt line's expiry, and whether it expired
 *  (`klist -s`'s exit status, passed as `valid`). */
export function readKlist(output: string, exitCode: number, valid: boolean | null): CredentialCache {
  const principal = /(?:Default principal|Principal):\s*(\S+)/.exec(output)?.[1] ?? null;
  const krbtgt = output.split(/\r?\n/).find((line) => /\bkrbtgt\//.test(line) && !/^\s*(Server|Client):/.test(line));
  // "11/29/26 15:40:46  11/30/26 01:40:46  krbtgt/R@R" (MIT, C locale) or "May  8 14:06:10 2025  May  9 …" (Heimdal,
  // Apple; ">>>Expired<<<" in the second column once it has).
  const stamp = String.raw`(\d\d\/\d\d\/\d\d\s+\d\d:\d\d:\d\d|[A-Z][a-z]{2}\s+\d+\s+\d\d:\d\d:\d\d\s+\d{4}|>>>Expired<<<)`;
  const expires = new RegExp(`^\\s*${stamp}\\s+${stamp}\\s+`).exec(krbtgt ?? '')?.[2] ?? null;
  const expired = /Expired/i.test(krbtgt ?? '');
  const tgt = exitCode === 0 && Boolean(krbtgt) && !expired && valid !== false;
  const said =
    exitCode === 0
      ? principal
        ? `klist: ${principal}${krbtgt ? `, krbtgt expires ${expires ?? '?'}` : ', no krbtgt'}`
        : firstLine(output)
      : firstLine(output);
  return {
    tgt,
    principal,
    expires: tgt ? expires : null,
    said: valid === false && exitCode === 0 ? `${said} (expired: klist -s exit 1)` : said,
  };
}

/** Windows `klist tgt`: "Cached TGT:" with ClientName / DomainName / EndTime, or "klist failed with …". */
export function readWindowsKlistTgt(output: string, exitCode: number): CredentialCache {
  const failure = /klist failed with (0x[0-9a-f]+)\/-?\d+: (.*)/i.exec(output);
  if (failure || exitCode !== 0 || !/Cached TGT/i.test(output)) {
    return {
      tgt: false,
      principal: null,
      expires: null,
      said: failure ? `klist failed with ${failure[1]}: ${failure[2]?.trim()}` : firstLine(output),
    };
  }
  const client = /ClientName\s*:\s*(\S+)/.exec(output)?.[1];
  const domain = /DomainName\s*:\s*(\S+)/.exec(output)?.[1];
  const expires = /EndTime\s*:\s*(.+?)\s*(\(local\))?\s*$/m.exec(output)?.[1] ?? null;
  const principal = client ? `${client}${domain ? `@${domain}` : ''}` : null;
  return { tgt: true, principal, expires, said: `klist tgt: ${principal ?? 'TGT cached'}, ends ${expires ?? '?'}` };
}
