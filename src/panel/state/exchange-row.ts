// One exchange as a row of the panel's list: the columns a DevTools Network-panel
// user expects. Cheap fields are read at once; the summary and the findings are computed on first use, so a list
// of 10,000 exchanges renders without judging rows nobody has looked at yet. Rows carry verdicts (id, severity,
// title, evidence); the detail pane asks the engine for the advice.
import { statusChain } from '../../core/diagnosis/evidence';
import type { FindingSeverity, Verdict } from '../../core/diagnosis/finding';
import { isProblem, verdictsOf } from '../../core/diagnosis/judge';
import type { Exchange } from '../../core/exchange/model';
import { type ExchangeSummary, summarizeExchange } from '../../core/exchange/summary';
import { type HeadlineVerdict, VERDICT_LABEL, verdictOf } from '../../core/report/headline';

export type MechanismLabel = 'Kerberos' | 'NTLM' | 'none' | 'unknown';

export class ExchangeRow {
  readonly id: string;
  readonly startedAt: number;
  readonly method: string;
  readonly url: string;
  readonly origin: string;
  private verdictsCache: readonly Verdict[] | null = null;
  private searchCache: string | null = null;
  private chainCache: string | null = null;
  private verdictCache: HeadlineVerdict | null = null;

  constructor(readonly exchange: Exchange) {
    this.id = exchange.id;
    this.startedAt = exchange.startedAt;
    this.method = exchange.method;
    this.url = exchange.url;
    this.origin = exchange.origin;
  }

  /** host[:port], emphasised in the list. */
  get host(): string {
    const scheme = this.origin.indexOf('://');
    return scheme >= 0 ? this.origin.slice(scheme + 3) : this.url;
  }

  /** Path and query, shown after the host. */
  get path(): string {
    return this.url.startsWith(this.origin) ? this.url.slice(this.origin.length) : '';
  }

  /** "401 → 200", "401 ✕ net::ERR_TOO_MANY_RETRIES" */
  get chain(): string {
    this.chainCache ??= statusChain(this.exchange);
    return this.chainCache;
  }

  get summary(): ExchangeSummary {
    return summarizeExchange(this.exchange);
  }

  get offered(): string {
    return this.summary.offered.join(', ');
  }

  get mechanism(): MechanismLabel {
    const { mechanism, outcome } = this.summary;
    return mechanism === 'kerberos' ? 'Kerberos' : mechanism === 'ntlm' ? 'NTLM' : outcome === 'no-token-sent' ? 'none' : 'unknown';
  }

  /** The outcome the headline, the list and the origin strip share: worked, failed, no sign-in, in progress. */
  get verdict(): HeadlineVerdict {
    this.verdictCache ??= verdictOf(this.exchange);
    return this.verdictCache;
  }

  get verdictLabel(): string {
    return VERDICT_LABEL[this.verdict];
  }

  /** The browser hid the requests carrying its credentials (Chromium): the credential column says so. */
  get credentialHidden(): boolean {
    return this.exchange.hiddenLegs && this.credentialBytes === null;
  }

  /** Largest credential token sent, in bytes, when the browser showed it. */
  get credentialBytes(): number | null {
    let largest: number | null = null;
    for (const leg of this.exchange.legs) {
      for (const item of [leg.request?.credentials, leg.request?.proxyCredentials]) {
        const size = item?.summary?.byteLength;
        if (size) largest = Math.max(largest ?? 0, size);
      }
    }
    return largest;
  }

  /** True once the verdicts have been computed (the panel indexes rows in the background). */
  get judged(): boolean {
    return this.verdictsCache !== null;
  }

  get verdicts(): readonly Verdict[] {
    this.verdictsCache ??= verdictsOf(this.exchange);
    return this.verdictsCache;
  }

  /** The worst severity: verdicts come worst first. */
  get worst(): FindingSeverity | null {
    return this.verdicts[0]?.severity ?? null;
  }

  get worstTitle(): string | null {
    return this.verdicts[0]?.title ?? null;
  }

  /** Lower-cased text the filter box searches: method, URL, chain, outcome, offered, mechanism, finding ids and titles. */
  get search(): string {
    this.searchCache ??= [
      this.method,
      this.url,
      this.chain,
      this.verdictLabel,
      this.offered,
      this.mechanism,
      ...this.verdicts.map((verdict) => `${verdict.id} ${verdict.title}`),
    ]
      .join(' ')
      .toLowerCase();
    return this.searchCache;
  }
}

const rows = new WeakMap<Exchange, ExchangeRow>();

/** The row of an exchange; exchanges are immutable, so each has one row for its life. */
export function exchangeRow(exchange: Exchange): ExchangeRow {
  let row = rows.get(exchange);
  if (!row) {
    row = new ExchangeRow(exchange);
    rows.set(exchange, row);
  }
  return row;
}

export interface OriginSummary {
  readonly origin: string;
  readonly host: string;
  /** Signed in with Kerberos (a rejected Kerberos attempt is a failure, never counted here). */
  readonly kerberosOk: number;
  /** Signed in with NTLM. */
  readonly ntlm: number;
  readonly failed: number;
  /** Exchanges that did not fail but have a warning or an error finding (a fallback, a pre-authenticated request). */
  readonly warnings: number;
  readonly exchanges: number;
}

/** Per-origin counts, added to row by row (the panel tallies rows as it judges them, never recounting), from the
 *  same outcome the list shows. */
export class OriginTally {
  private readonly byOrigin = new Map<string, { -readonly [key in keyof OriginSummary]: OriginSummary[key] }>();

  add(row: ExchangeRow): void {
    let entry = this.byOrigin.get(row.origin);
    if (!entry) {
      entry = { origin: row.origin, host: row.host, kerberosOk: 0, ntlm: 0, failed: 0, warnings: 0, exchanges: 0 };
      this.byOrigin.set(row.origin, entry);
    }
    entry.exchanges++;
    const verdict = row.verdict;
    if (verdict === 'failed') entry.failed++;
    else if (isProblem(row.worst)) entry.warnings++;
    if (verdict === 'worked' && row.mechanism === 'Kerberos') entry.kerberosOk++;
    if (verdict === 'worked' && row.mechanism === 'NTLM') entry.ntlm++;
  }

  /** "intranet.lab.test: Kerberos OK 12 · NTLM 0 · failed 0 · warnings 0", one per origin, in first-seen order. */
  summaries(): OriginSummary[] {
    return [...this.byOrigin.values()].map((entry) => ({ ...entry }));
  }
}
