// The inventory: one row per origin over any number of exchanges (live capture, NetLogs, HARs) — how it signs in,
// whether it depends on NTLM and why, whether its NTLM binds to the TLS channel, the Kerberos ticket encryption, and
// when it was last seen. Built incrementally (a file's exchanges are added and dropped), so the CLI can read
// thousands of files one at a time; written as CSV, Markdown or JSON (docs/json.md).
import { isFavicon, verdictsOf } from '../diagnosis/judge';
import { type NtlmCause, ntlmCause } from '../diagnosis/rules/ntlm-dependency';
import type { Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { markdownText } from './escape';

/** Channel binding as the origin's NTLM AUTHENTICATE messages show it over HTTPS. */
export type ChannelBinding = 'bound' | 'not bound' | 'not visible' | 'not applicable';

export interface InventoryRow {
  readonly origin: string;
  readonly exchanges: number;
  /** Exchanges that signed in, by mechanism ("unknown" when nothing showed which). */
  readonly kerberos: number;
  readonly ntlm: number;
  readonly unknownMechanism: number;
  /** Exchanges that failed (error findings), and the finding ids seen, most frequent first. */
  readonly failed: number;
  /** Signed in with NTLM at least once: breaks where NTLM is blocked; null when a sign-in's mechanism was not visible
   *  (a HAR or live Chromium shows a final response only) and none was NTLM. */
  readonly ntlmDependency: boolean | null;
  /** Why Kerberos was not used, as rule ids ("unknown" when not visible), most frequent first. */
  readonly ntlmCauses: readonly (NtlmCause | 'unknown')[];
  readonly channelBinding: ChannelBinding;
  /** Service-ticket encryption types seen in Kerberos AP-REQs. */
  readonly kerberosEtypes: readonly string[];
  readonly findings: readonly string[];
  /** When the latest exchange started (ms since the epoch). */
  readonly lastSeen: number;
  /** Where the origin was seen: "live", or the files' names. */
  readonly seenIn: readonly string[];
}

interface OriginState {
  exchanges: number;
  kerberos: number;
  ntlm: number;
  unknownMechanism: number;
  failed: number;
  causes: Map<NtlmCause | 'unknown', number>;
  findings: Map<string, number>;
  bound: boolean;
  unbound: boolean;
  ntlmOverHttps: boolean;
  etypes: Set<string>;
  lastSeen: number;
  seenIn: Set<string>;
}

const byCount = <K>(counts: Map<K, number>): K[] => [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);

export class Inventory {
  private readonly origins = new Map<string, OriginState>();

  /** Adds one exchange seen in `source` ("live" or a file name). */
  add(exchange: Exchange, source: string): void {
    if (isFavicon(exchange)) return;
    let state = this.origins.get(exchange.origin);
    if (!state) {
      state = {
        exchanges: 0,
        kerberos: 0,
        ntlm: 0,
        unknownMechanism: 0,
        failed: 0,
        causes: new Map(),
        findings: new Map(),
        bound: false,
        unbound: false,
        ntlmOverHttps: false,
        etypes: new Set(),
        lastSeen: 0,
        seenIn: new Set(),
      };
      this.origins.set(exchange.origin, state);
    }
    const summary = summarizeExchange(exchange);
    const verdicts = verdictsOf(exchange);
    state.exchanges++;
    state.lastSeen = Math.max(state.lastSeen, exchange.startedAt);
    state.seenIn.add(source);
    for (const verdict of verdicts) state.findings.set(verdict.id, (state.findings.get(verdict.id) ?? 0) + 1);
    if (verdicts.some((verdict) => verdict.severity === 'error')) state.failed++;
    if (summary.outcome === 'authenticated') {
      if (summary.mechanism === 'kerberos') state.kerberos++;
      else if (summary.mechanism === 'ntlm') state.ntlm++;
      else state.unknownMechanism++;
    }
    if (summary.outcome === 'authenticated' && summary.mechanism === 'ntlm') {
      const cause = ntlmCause({ exchange, summary, environment: {} }).cause ?? 'unknown';
      state.causes.set(cause, (state.causes.get(cause) ?? 0) + 1);
    }
    const https = exchange.url.startsWith('https:');
    if (https && summary.mechanism === 'ntlm') state.ntlmOverHttps = true;
    for (const leg of exchange.legs) {
      const sent = leg.request?.credentials?.summary;
      if (sent?.ticketEtype) state.etypes.add(sent.ticketEtype);
      if (!https || !sent?.ntlmChannelBindings) continue;
      if (sent.ntlmChannelBindings === 'present') state.bound = true;
      else state.unbound = true;
    }
  }

  /** One row per origin, most recently seen first. */
  rows(): InventoryRow[] {
    return [...this.origins.entries()]
      .map(([origin, state]) => ({
        origin,
        exchanges: state.exchanges,
        kerberos: state.kerberos,
        ntlm: state.ntlm,
        unknownMechanism: state.unknownMechanism,
        failed: state.failed,
        ntlmDependency: state.ntlm > 0 ? true : state.unknownMechanism > 0 ? null : false,
        ntlmCauses: byCount(state.causes),
        channelBinding: channelBinding(state),
        kerberosEtypes: [...state.etypes].sort(),
        findings: byCount(state.findings),
        lastSeen: state.lastSeen,
        seenIn: [...state.seenIn].sort(),
      }))
      .sort((a, b) => b.lastSeen - a.lastSeen || a.origin.localeCompare(b.origin));
  }
}

function channelBinding(state: OriginState): ChannelBinding {
  if (state.unbound) return 'not bound';
  if (state.bound) return 'bound';
  return state.ntlmOverHttps ? 'not visible' : 'not applicable';
}

/** The columns every rendering shares, in order, with each row's text. */
export const INVENTORY_COLUMNS: readonly { readonly title: string; readonly text: (row: InventoryRow) => string }[] = [
  { title: 'Origin', text: (row) => row.origin },
  { title: 'Exchanges', text: (row) => String(row.exchanges) },
  { title: 'Kerberos sign-ins', text: (row) => String(row.kerberos) },
  { title: 'NTLM sign-ins', text: (row) => String(row.ntlm) },
  { title: 'Failed', text: (row) => String(row.failed) },
  { title: 'Depends on NTLM', text: (row) => (row.ntlmDependency === null ? 'unknown' : row.ntlmDependency ? 'yes' : 'no') },
  { title: 'Why not Kerberos', text: (row) => row.ntlmCauses.join('; ') },
  { title: 'Channel binding', text: (row) => row.channelBinding },
  { title: 'Kerberos etypes', text: (row) => row.kerberosEtypes.join('; ') },
  { title: 'Findings', text: (row) => row.findings.join('; ') },
  { title: 'Last seen', text: (row) => (row.lastSeen > 0 ? new Date(row.lastSeen).toISOString() : '') },
  { title: 'Seen in', text: (row) => row.seenIn.join('; ') },
];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading =, +, -, @, tab or CR
 *  gets a ' so no spreadsheet runs a stranger's text as a formula (OWASP "CSV Injection"). */
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function inventoryCsv(rows: readonly InventoryRow[]): string {
  const lines = [INVENTORY_COLUMNS.map((column) => csvField(column.title)).join(',')];
  for (const row of rows) lines.push(INVENTORY_COLUMNS.map((column) => csvField(column.text(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function inventoryMarkdown(rows: readonly InventoryRow[]): string {
  const header = `| ${INVENTORY_COLUMNS.map((column) => column.title).join(' | ')} |`;
  const rule = `|${INVENTORY_COLUMNS.map(() => ' --- ').join('|')}|`;
  const body = rows.map((row) => `| ${INVENTORY_COLUMNS.map((column) => markdownText(column.text(row)) || ' ').join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** The stable JSON (docs/json.md): the rows as they are, the time as ISO 8601. */
export function inventoryJson(rows: readonly InventoryRow[]) {
  return {
    origins: rows.map((row) => ({ ...row, lastSeen: row.lastSeen > 0 ? new Date(row.lastSeen).toISOString() : null })),
  };
}
