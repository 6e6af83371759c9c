// "Copy diagnosis": a ticket-sized Markdown answer. One exchange starts with five summary lines (site, outcome,
// mechanism, most likely cause, next step), then the cause's evidence and fixes — the user's platform unfolded, the
// others folded — the other checks in one line each, and a redaction line that says exactly what was masked. "Copy
// all" repeats the summary per exchange. Redacted by default: no raw tokens (Kerberos tickets and NTLM responses are
// credentials), NTLM names and Kerberos realms masked. Every text from a capture or a file goes through escape.ts:
// names and values in code spans, sentences escaped, so nothing a stranger wrote becomes Markdown structure.
import { describeAuthItem, statusChain } from '../diagnosis/evidence';
import type { Evidence, Finding, PlatformSetting } from '../diagnosis/finding';
import { isReadersSetting, type Reader, settingPlace } from '../diagnosis/policies';
import { diagnoseExchange } from '../diagnosis/findings';
import { likelyCause, otherChecks } from '../diagnosis/rank';
import { notKept } from '../exchange/limits';
import type { AuthItem, Exchange } from '../exchange/model';
import { summarizeExchange } from '../exchange/summary';
import { markdownCode as code, markdownText as text } from './escape';
import { type Headline, headlineOf } from './headline';
import { mechanismShortText, mechanismText } from './mechanism-text';

export interface ReportOptions {
  /** Show NTLM user, domain, workstation and server names and Kerberos realms (masked otherwise). */
  readonly includeIdentities: boolean;
  /** Append the raw tokens (credentials!) the capture kept. */
  readonly includeRawTokens: boolean;
  /** e.g. "Chromium 156" */
  readonly browser: string;
  readonly extensionVersion: string;
  /** ISO time of the report. */
  readonly generatedAt: string;
  /** Who fixes things: the settings for their system and browser are unfolded, the others folded. */
  readonly reader?: Reader;
  /** Exchanges followed by a sign-in at the same address (a failure was probably transient), by id. */
  readonly transient?: ReadonlySet<string>;
}

/** A ticket field takes this much; one exchange's copy is cut down, detail by detail, until it fits. */
export const TICKET_BUDGET = 2500;

/** How much of a cause a copy carries, from everything to the least that still answers. */
interface Detail {
  readonly evidence: number;
  /** Sentences of the explanation kept. */
  readonly sentences: number;
  readonly fixes: number;
  readonly commandsPerFix: number;
  /** Other systems' and browsers' settings: a folded block, or one line saying AuthScope has them. */
  readonly otherSettings: 'folded' | 'counted';
  readonly sources: number;
  readonly otherChecks: number;
  /** The facts a read-from-context mechanism rests on. */
  readonly mechanismFacts: boolean;
}

const ALL = Number.POSITIVE_INFINITY;
const DETAILS: readonly Detail[] = [
  {
    evidence: 6,
    sentences: ALL,
    fixes: ALL,
    commandsPerFix: ALL,
    otherSettings: 'folded',
    sources: ALL,
    otherChecks: ALL,
    mechanismFacts: true,
  },
  {
    evidence: 4,
    sentences: ALL,
    fixes: ALL,
    commandsPerFix: ALL,
    otherSettings: 'counted',
    sources: ALL,
    otherChecks: ALL,
    mechanismFacts: true,
  },
  { evidence: 4, sentences: 2, fixes: 3, commandsPerFix: 3, otherSettings: 'counted', sources: 2, otherChecks: 5, mechanismFacts: true },
  { evidence: 3, sentences: 1, fixes: 2, commandsPerFix: 2, otherSettings: 'counted', sources: 1, otherChecks: 3, mechanismFacts: false },
  { evidence: 2, sentences: 1, fixes: 1, commandsPerFix: 2, otherSettings: 'counted', sources: 0, otherChecks: 2, mechanismFacts: false },
];
const FULL = DETAILS[0] as Detail;

export const MASK = '‹masked›';

const bullet = (line: string) => `- ${line}`;
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const evidenceText = (item: Evidence) =>
  `${item.leg === null ? item.source : `leg ${item.leg + 1} ${item.source}`} ${code(item.name)}: ${code(item.value)}`;

/** ISO time, or a placeholder for a time a file did not give (never a thrown RangeError). */
const isoTime = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : 'unknown time');

/** The identity fields an exchange carries (NTLM names, Kerberos realms), by label. */
function identityFields(exchange: Exchange): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (label: string, value: string | null) => {
    if (!value) return;
    const values = found.get(label) ?? [];
    if (!values.includes(value)) values.push(value);
    found.set(label, values);
  };
  for (const leg of exchange.legs) {
    const items = [
      leg.request?.credentials,
      leg.request?.proxyCredentials,
      ...(leg.response?.challenges ?? []),
      ...(leg.response?.proxyChallenges ?? []),
    ];
    for (const item of items) {
      const summary = item?.summary;
      if (!summary) continue;
      add('NTLM user', summary.ntlmUser);
      add('workstation', summary.ntlmWorkstation);
      add('NTLM server name', summary.ntlmServer);
      if (summary.kind !== 'kerberos-error') add('Kerberos realm', summary.realm);
    }
  }
  return found;
}

function summaryLines(exchange: Exchange, headline: Headline, cause: Finding | null): string[] {
  const summary = summarizeExchange(exchange);
  return [
    bullet(`Site: ${code(exchange.url)} (${text(exchange.method)}, ${text(statusChain(exchange))})`),
    bullet(`Outcome: ${text(headline.label)} — ${text(headline.what)}`),
    bullet(`Mechanism: ${text(mechanismShortText(summary.mechanismReading))}`),
    bullet(`Most likely cause: ${cause ? `${text(cause.title)} (\`${cause.id}\`)` : 'none — nothing is wrong'}`),
    bullet(`Next step: ${text(headline.next)}`),
  ];
}

function settingLine(setting: PlatformSetting): string {
  return `${settingPlace(setting)} (${text(setting.how)}): ${code(setting.value)}`;
}

/** The first `count` sentences of a text. */
function sentences(value: string, count: number): string {
  if (count === ALL) return value;
  const parts = value.split(/(?<=[.!?])\s+(?=[A-Z])/);
  return parts.slice(0, count).join(' ');
}

const more = (shown: number, total: number, what: string) =>
  total > shown ? [`   - … ${plural(total - shown, `more ${what}`)} in AuthScope`] : [];

/** The cause's evidence and fixes: the reader's own settings unfolded, the others folded (or counted, to fit). */
function causeBlock(cause: Finding, options: ReportOptions, detail: Detail): string[] {
  const lines = ['', `## ${text(cause.title)}`, '', 'Evidence:'];
  for (const item of cause.evidence.slice(0, detail.evidence)) lines.push(bullet(evidenceText(item)));
  if (cause.evidence.length > detail.evidence)
    lines.push(bullet(`… ${plural(cause.evidence.length - detail.evidence, 'more piece')} of evidence in AuthScope`));
  lines.push('', text(sentences(cause.explanation, detail.sentences)));
  const others: PlatformSetting[] = [];
  const fixes = cause.fixes.slice(0, detail.fixes);
  if (fixes.length > 0) {
    lines.push('', 'Fix:');
    fixes.forEach((fix, index) => {
      lines.push(`${index + 1}. ${text(fix.text)}${fix.withheld ? ` ${text(fix.withheld)}` : ''}`);
      const commands = fix.commands ?? [];
      for (const command of commands.slice(0, detail.commandsPerFix)) lines.push(`   - ${code(command)}`);
      lines.push(...more(detail.commandsPerFix, commands.length, 'command'));
      for (const setting of fix.settings ?? []) {
        if (!options.reader || isReadersSetting(setting, options.reader)) lines.push(`   - ${settingLine(setting)}`);
        else others.push(setting);
      }
    });
    if (cause.fixes.length > fixes.length)
      lines.push(bullet(`… ${plural(cause.fixes.length - fixes.length, 'more fix', 'more fixes')} in AuthScope`));
  }
  if (others.length > 0 && detail.otherSettings === 'folded') {
    lines.push(
      '',
      '<details><summary>Settings for other systems and browsers</summary>',
      '',
      ...others.map((setting) => bullet(settingLine(setting))),
      '',
      '</details>',
    );
  } else if (others.length > 0) {
    const where = [...new Set(others.map(settingPlace))].join(', ');
    lines.push('', `Settings for other systems and browsers (${text(where)}): in AuthScope.`);
  }
  if (cause.missing) lines.push('', `Not visible in this capture: ${text(cause.missing)}`);
  const sources = cause.sources.slice(0, detail.sources);
  if (sources.length > 0) lines.push('', `Sources: ${sources.map((source) => `[${text(source.title)}](${source.url})`).join(' · ')}`);
  return lines;
}

function redactionLine(exchanges: readonly Exchange[], options: ReportOptions): string {
  const labels = new Set<string>();
  for (const exchange of exchanges) for (const label of identityFields(exchange).keys()) labels.add(label);
  const names = [...labels];
  const masked = options.includeIdentities
    ? 'identities included'
    : names.length > 0
      ? `masked: ${names.join(', ')}`
      : 'no user, workstation or realm names were captured';
  return `Redaction: ${options.includeRawTokens ? 'RAW TOKENS INCLUDED (credentials)' : 'no raw tokens'}; ${masked}; URLs, host names and SPNs are shown.`;
}

function identitiesLine(exchange: Exchange, options: ReportOptions): string | null {
  const fields = identityFields(exchange);
  if (fields.size === 0) return null;
  const parts = [...fields].map(([label, values]) => `${label} ${options.includeIdentities ? values.map(code).join(', ') : MASK}`);
  return bullet(`Identities: ${parts.join('; ')}`);
}

/** One exchange: the summary first, then (unless only the summary is wanted) the cause and the other checks. */
function exchangeMarkdown(exchange: Exchange, options: ReportOptions, detail: Detail | null): string[] {
  const findings = diagnoseExchange(exchange);
  const cause = likelyCause(findings);
  const headline = headlineOf(exchange, findings, { transient: options.transient?.has(exchange.id) ?? false });
  const lines = summaryLines(exchange, headline, cause);
  if (!detail) return lines;
  const summary = summarizeExchange(exchange);
  const reading = summary.mechanismReading;
  if (detail.mechanismFacts && reading.evidence !== 'client-token' && reading.reason) {
    lines.push(bullet(`Mechanism, why: ${text(mechanismText(reading).replace(/^.*? — /, ''))}`));
  }
  if (detail.mechanismFacts && summary.mechanismEvidence !== 'client-token' && reading.facts.length > 0) {
    lines.push(bullet(`Mechanism rests on: ${reading.facts.slice(0, 3).map(evidenceText).join('; ')}`));
    for (const caveat of reading.caveats) lines.push(bullet(`Caveat: ${text(caveat)}`));
  }
  const sent = exchange.legs.flatMap((leg, index) => {
    const item = leg.request?.credentials ?? leg.request?.proxyCredentials;
    return item ? [`leg ${index + 1}: ${text(describeAuthItem(item))}`] : [];
  });
  if (sent.length > 0)
    lines.push(
      bullet(`Sent: ${[...sent.slice(0, 4), ...(sent.length > 4 ? [`… ${plural(sent.length - 4, 'more leg')}`] : [])].join('; ')}`),
    );
  const identities = identitiesLine(exchange, options);
  if (identities) lines.push(identities);
  for (const note of notKept(exchange)) lines.push(bullet(`Not kept: ${text(note)}`));
  if (cause) lines.push(...causeBlock(cause, options, detail));
  // On a success the finding that says so is the outcome line already; what remains are notes.
  const others = otherChecks(findings, cause).filter((finding) => finding.id !== 'kerberos-ok');
  if (others.length > 0) {
    lines.push('', cause ? 'Other checks:' : 'Notes:');
    for (const finding of others.slice(0, detail.otherChecks))
      lines.push(bullet(`[${finding.severity}] ${text(finding.title)} (\`${finding.id}\`)`));
    if (others.length > detail.otherChecks)
      lines.push(bullet(`… ${plural(others.length - detail.otherChecks, 'more check')} in AuthScope`));
  }
  return lines;
}

function rawTokens(exchanges: readonly Exchange[]): string[] {
  const lines = [
    '',
    '## Raw tokens',
    '',
    '> ⚠ These are credentials (Kerberos tickets, NTLM responses). Share them only with people you would give your password to.',
    '',
  ];
  let any = false;
  for (const exchange of exchanges) {
    exchange.legs.forEach((leg, index) => {
      const items: [string, AuthItem | null | undefined][] = [
        ['Authorization', leg.request?.credentials],
        ['Proxy-Authorization', leg.request?.proxyCredentials],
        ...(leg.response?.challenges ?? []).map((item): [string, AuthItem] => ['WWW-Authenticate', item]),
        ...(leg.response?.proxyChallenges ?? []).map((item): [string, AuthItem] => ['Proxy-Authenticate', item]),
      ];
      for (const [header, item] of items) {
        if (!item?.token) continue;
        any = true;
        lines.push(`${code(exchange.url)} leg ${index + 1} ${header}:`, '```', `${item.scheme} ${item.token}`, '```');
      }
    });
  }
  if (!any) lines.push('No raw tokens were kept (the browser hid them, or "Keep raw tokens" is off).');
  return lines;
}

function footer(exchanges: readonly Exchange[], options: ReportOptions): string[] {
  const started =
    exchanges.length === 1 ? `started ${isoTime((exchanges[0] as Exchange).startedAt)}` : plural(exchanges.length, 'exchange');
  return [
    ...(options.includeRawTokens ? rawTokens(exchanges) : []),
    '',
    `AuthScope ${text(options.extensionVersion)} · ${text(options.browser)} · ${text(options.generatedAt)} · ${started}`,
    redactionLine(exchanges, options),
  ];
}

/** "Copy diagnosis": one exchange as a ticket, cut down detail by detail until it fits TICKET_BUDGET. */
export function diagnosisMarkdown(exchange: Exchange, options: ReportOptions): string {
  let markdown = '';
  for (const detail of DETAILS) {
    markdown = [...exchangeMarkdown(exchange, options, detail), ...footer([exchange], options)].join('\n');
    if (markdown.length <= TICKET_BUDGET) break;
  }
  return markdown;
}

/** "Copy all": every exchange's summary; the cause and checks in full for the first exchange with each cause only,
 *  so a loop of sixteen requests carries one fix list. Exchanges with nothing to say (no sign-in, no findings) are
 *  counted, not listed. */
export function allDiagnosesMarkdown(exchanges: readonly Exchange[], options: ReportOptions): string {
  const worth = exchanges.filter(
    (exchange) => diagnoseExchange(exchange).length > 0 || summarizeExchange(exchange).outcome !== 'anonymous',
  );
  const findings = worth.flatMap((exchange) => diagnoseExchange(exchange));
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  const lines = [
    bullet(
      `${plural(worth.length, 'exchange')} · ${plural(count('error'), 'error')} · ${plural(count('warning'), 'warning')} · ${plural(count('info'), 'note')}`,
    ),
  ];
  const left = exchanges.length - worth.length;
  if (left > 0) lines.push(bullet(`${plural(left, 'request')} without sign-in or findings left out`));
  const described = new Set<string>();
  for (const exchange of worth) {
    const cause = likelyCause(diagnoseExchange(exchange));
    const key = cause ? `${cause.id}\u0000${cause.title}` : null;
    const first = key !== null && !described.has(key);
    if (key !== null) described.add(key);
    lines.push('', `## ${text(exchange.method)} ${code(exchange.url)}`, '', ...exchangeMarkdown(exchange, options, first ? FULL : null));
    if (key !== null && !first) lines.push(bullet('Cause and fixes: as above.'));
  }
  return [...lines, ...footer(worth, options)].join('\n');
}
