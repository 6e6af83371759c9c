// "Copy diagnosis": the exchanges and their findings as a Markdown report for a ticket. Redacted by default —
// no raw tokens (Kerberos tickets and NTLM responses are credentials) and user, domain and workstation names
// masked — unless the user asks for identities or raw tokens. Every text that comes from a capture or a file goes
// through escape.ts: names and values in code spans, sentences escaped, so nothing a stranger wrote becomes
// Markdown structure (a heading, a list item, a link, HTML).
import { dedupeFindings, diagnoseExchange } from '../diagnosis/findings';
import { describeAuthItem, statusChain } from '../diagnosis/evidence';
import type { Evidence, Finding } from '../diagnosis/finding';
import type { AuthItem, Exchange } from '../exchange/model';
import { notKept } from '../exchange/limits';
import { summarizeExchange } from '../exchange/summary';
import { markdownCode as code, markdownText as text } from './escape';
import { mechanismText } from './mechanism-text';

export interface ReportOptions {
  /** Show NTLM user, domain, workstation and server names (masked otherwise). */
  readonly includeIdentities: boolean;
  /** Append the raw tokens (credentials!) the capture kept. */
  readonly includeRawTokens: boolean;
  /** e.g. "Chromium 156" */
  readonly browser: string;
  readonly extensionVersion: string;
  /** ISO time of the report. */
  readonly generatedAt: string;
}

export const MASK = '‹masked›';

const bullet = (text: string) => `- ${text}`;

const evidenceText = (item: Evidence) =>
  `${item.leg === null ? item.source : `leg ${item.leg + 1} ${item.source}`} ${code(item.name)}: ${code(item.value)}`;

/** An ISO time, or a placeholder for a time a file did not give (never a thrown RangeError). */
const isoTime = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : 'unknown time');

function identities(item: AuthItem, options: ReportOptions): string | null {
  const summary = item.summary;
  if (!summary) return null;
  const parts: string[] = [];
  const show = (label: string, value: string | null) => {
    if (value) parts.push(`${label} ${options.includeIdentities ? code(value) : MASK}`);
  };
  show('user', summary.ntlmUser);
  show('workstation', summary.ntlmWorkstation);
  show('NTLM server', summary.ntlmServer);
  if (summary.realm && summary.kind !== 'kerberos-error') show('realm', summary.realm);
  return parts.length > 0 ? parts.join(', ') : null;
}

function findingMarkdown(finding: Finding, heading: string): string[] {
  const lines = [`${heading} [${finding.severity}] ${text(finding.title)} (\`${finding.id}\`)`, '', 'Evidence:'];
  for (const item of finding.evidence) lines.push(bullet(evidenceText(item)));
  lines.push('', text(finding.explanation));
  if (finding.fixes.length > 0) {
    lines.push('', 'Fix:');
    finding.fixes.forEach((fix, index) => {
      lines.push(`${index + 1}. ${text(fix.text)}${fix.withheld ? ` ${text(fix.withheld)}` : ''}`);
      for (const command of fix.commands ?? []) lines.push(`   - ${code(command)}`);
      for (const setting of fix.settings ?? []) lines.push(`   - ${setting.platform} (${text(setting.how)}): ${code(setting.value)}`);
    });
  }
  if (finding.missing) lines.push('', `Not visible in this capture: ${text(finding.missing)}`);
  if (finding.sources.length > 0)
    lines.push('', `Sources: ${finding.sources.map((source) => `[${text(source.title)}](${source.url})`).join(' · ')}`);
  lines.push('');
  return lines;
}

function exchangeMarkdown(exchange: Exchange, options: ReportOptions): string[] {
  const summary = summarizeExchange(exchange);
  const offered = summary.offered.join(', ');
  const lines = [`## ${text(exchange.method)} ${code(exchange.url)} — ${text(statusChain(exchange))}`, ''];
  lines.push(bullet(`Started: ${isoTime(exchange.startedAt)} · type ${text(exchange.resourceType)}`));
  lines.push(bullet(`Offered: ${offered ? text(offered) : 'no challenge seen'}`));
  exchange.legs.forEach((leg, index) => {
    const sent = leg.request?.credentials ?? leg.request?.proxyCredentials;
    if (sent) {
      const who = identities(sent, options);
      lines.push(bullet(`Sent on leg ${index + 1}: ${text(describeAuthItem(sent))}${who ? ` — ${who}` : ''}`));
    }
  });
  if (exchange.hiddenLegs) lines.push(bullet('The browser hid the legs carrying its own tokens (Chromium): a NetLog shows them.'));
  for (const note of notKept(exchange)) lines.push(bullet(`Not kept: ${text(note)}`));
  lines.push(bullet(`Mechanism: ${text(mechanismText(summary.mechanismReading))}`));
  if (summary.mechanismEvidence !== 'client-token')
    for (const fact of [...summary.mechanismReading.facts.map(evidenceText), ...summary.mechanismReading.caveats.map(text)])
      lines.push(`  - ${fact}`);
  lines.push(bullet(`Outcome: ${summary.outcome}`));
  if (exchange.prompts.length > 0) lines.push(bullet(`Credential prompts: ${exchange.prompts.length}`));
  lines.push('');
  const findings = diagnoseExchange(exchange);
  if (findings.length === 0) lines.push('No findings.', '');
  for (const finding of findings) lines.push(...findingMarkdown(finding, '###'));
  return lines;
}

function rawTokens(exchanges: readonly Exchange[]): string[] {
  const lines = [
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
  lines.push('');
  return lines;
}

export function diagnosisMarkdown(exchanges: readonly Exchange[], options: ReportOptions): string {
  const all = exchanges.flatMap((exchange) => diagnoseExchange(exchange));
  const count = (severity: Finding['severity']) => all.filter((finding) => finding.severity === severity).length;
  const lines = [
    '# AuthScope diagnosis',
    '',
    bullet(`Generated ${text(options.generatedAt)} · ${text(options.browser)} · AuthScope ${text(options.extensionVersion)}`),
    bullet(
      `${exchanges.length} exchange${exchanges.length === 1 ? '' : 's'} · ${count('error')} errors · ${count('warning')} warnings · ${count('info')} notes`,
    ),
    bullet(
      `Redaction: ${options.includeRawTokens ? 'RAW TOKENS INCLUDED' : 'no raw tokens'}; ${options.includeIdentities ? 'identities included' : 'user, domain and workstation names masked'}`,
    ),
    '',
  ];
  const groups = dedupeFindings(all).filter(({ finding }) => finding.severity !== 'info');
  if (groups.length > 0) {
    lines.push('## Summary', '');
    for (const { finding, count: times } of groups)
      lines.push(
        bullet(
          `**[${finding.severity}] ${text(finding.title)}** (\`${finding.id}\`)${times > 1 ? ` ×${times}` : ''} — ${finding.url ? code(finding.url) : ''}`,
        ),
      );
    lines.push('');
  }
  for (const exchange of exchanges) lines.push(...exchangeMarkdown(exchange, options));
  if (options.includeRawTokens) lines.push(...rawTokens(exchanges));
  return lines.join('\n');
}
