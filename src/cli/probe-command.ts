// The `probe` and `companion` commands: options, the probe's text report, and the companion's install, uninstall and
// host modes. Everything a stranger wrote (host names, tools' words, policy values) goes through visibleControls.
import type { Reader } from '../core/diagnosis/policies';
import { type ProbeFacts, probeFindings } from '../core/diagnosis/probe';
import { visibleControls as shown } from '../core/report/escape';
import { probeJson } from '../core/report/probe-json';
import { statusChain } from '../core/diagnosis/evidence';
import { summarizeExchange } from '../core/exchange/summary';
import type { CliIo } from './authscope';
import { probeFindingLines } from './finding-text';
import { COMPANION_BROWSERS, type CompanionBrowser, installCompanion, runHost, uninstallCompanion } from './companion';
import { probe, probeTargetProblem } from './probe';

const PROBE_BROWSERS: readonly Reader['browser'][] = ['chromium', 'chrome', 'edge', 'firefox'];

/** Flags with a value (`--name value`), flags alone, and operands. */
function parseOptions(args: readonly string[], withValue: readonly string[], alone: readonly string[]) {
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  const operands: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (withValue.includes(arg)) {
      const value = args[++index];
      if (value === undefined) return { error: `${arg} needs a value` };
      (values[arg] ??= []).push(value);
    } else if (alone.includes(arg)) flags.add(arg);
    else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else operands.push(arg);
  }
  return { values, flags, operands };
}

const defaultBrowser = (): Reader['browser'] => (process.platform === 'linux' ? 'chromium' : 'chrome');

function printProbe(facts: ProbeFacts, io: CliIo): void {
  const findings = probeFindings(facts);
  io.out(`probe ${shown(facts.url)} (${facts.policy?.browser ?? 'browser'} on this computer)`);
  io.out(
    `  name: ${shown(facts.host)} → canonical ${shown(facts.canonicalName ?? '—')} (${shown(facts.nameSource)}); SPN ${shown(facts.spn)}`,
  );
  const cache = facts.credentials;
  io.out(
    `  credentials: ${cache ? `${cache.tgt ? 'ticket-granting ticket' : 'no valid ticket-granting ticket'} — ${shown(cache.said)}` : 'not checked (tool missing)'}`,
  );
  const ticket = facts.ticket;
  io.out(
    `  service ticket: ${ticket ? `${ticket.ok ? 'obtained' : `refused (${ticket.error})`}${ticket.etype ? `, ${ticket.etype}` : ''} — ${shown(ticket.said)}` : 'not asked (tool missing)'}`,
  );
  if (facts.policy)
    io.out(
      `  policy: ${facts.policy.allows === null ? 'the system decides' : facts.policy.allows ? 'allowed' : 'not allowed'} — ${shown(facts.policy.basis)}`,
    );
  if (facts.exchange) {
    const summary = summarizeExchange(facts.exchange);
    io.out(
      `  handshake (curl): ${shown(statusChain(facts.exchange))}, ${summary.outcome}${summary.mechanism ? `, ${summary.mechanism}` : ''}`,
    );
    for (const note of facts.curlNotes) io.out(`    curl: ${shown(note)}`);
  }
  if (facts.clockSkewSeconds !== null)
    io.out(
      facts.clockSkewSeconds === 0
        ? '  clock: the server agrees with this computer (to the second)'
        : `  clock: the server is ${Math.abs(facts.clockSkewSeconds)} s ${facts.clockSkewSeconds > 0 ? 'ahead' : 'behind'}`,
    );
  for (const missing of facts.missing) io.out(`  missing: ${missing}`);
  io.out(findings.length === 0 ? 'findings: none' : 'findings:');
  for (const finding of findings) for (const line of probeFindingLines(finding, 3)) io.out(line);
}

export async function probeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions(args, ['--browser', '--firefox-profile', '--policy-root'], ['--json']);
  if ('error' in parsed) {
    io.err(`authscope probe: ${parsed.error}`);
    return 1;
  }
  const { values, flags, operands } = parsed;
  const browser = (values['--browser']?.at(-1) ?? defaultBrowser()) as Reader['browser'];
  if (!PROBE_BROWSERS.includes(browser) || operands.length !== 1) {
    io.err(operands.length !== 1 ? 'authscope probe: give one URL' : `authscope probe: --browser is one of ${PROBE_BROWSERS.join(', ')}`);
    return 1;
  }
  const target = operands[0] as string;
  const problem = probeTargetProblem(target);
  if (problem) {
    io.err(`authscope probe: ${shown(target)}: ${problem}`);
    return 2;
  }
  const facts = await probe(target, {
    browser,
    firefoxProfile: values['--firefox-profile']?.at(-1) ?? null,
    ...(values['--policy-root'] ? { policyRoot: values['--policy-root'].at(-1) as string } : {}),
  });
  if (flags.has('--json')) io.out(JSON.stringify(probeJson(facts, probeFindings(facts)), null, 2));
  else printProbe(facts, io);
  return 0;
}

export async function companionCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'host') return runHost(rest);
  const parsed = parseOptions(rest, ['--browser', '--manifest-dir', '--extension-id'], []);
  if ('error' in parsed || (action !== 'install' && action !== 'uninstall')) {
    io.err(`authscope companion: ${'error' in parsed ? parsed.error : 'install or uninstall'}`);
    return 1;
  }
  const browsers = (parsed.values['--browser'] ?? COMPANION_BROWSERS) as CompanionBrowser[];
  const unknown = browsers.find((browser) => !COMPANION_BROWSERS.includes(browser));
  const badId = (parsed.values['--extension-id'] ?? []).find((id) => !/^[a-p]{32}$/.test(id));
  if (unknown || badId) {
    io.err(
      `authscope companion: ${unknown ? `--browser is one of ${COMPANION_BROWSERS.join(', ')}` : `${shown(badId ?? '')} is not a Chromium extension id`}`,
    );
    return 1;
  }
  const options = {
    browsers,
    manifestDir: parsed.values['--manifest-dir']?.at(-1) ?? null,
    extensionIds: parsed.values['--extension-id'] ?? [],
  };
  const files = action === 'install' ? await installCompanion(options) : await uninstallCompanion(options);
  io.out(
    action === 'install'
      ? `Installed the AuthScope companion for ${browsers.join(', ')}:\n${files.map((file) => `  ${file}`).join('\n')}\nIn the panel, "Ask this computer" now runs authscope probe here.`
      : files.length > 0
        ? `Removed:\n${files.map((file) => `  ${file}`).join('\n')}`
        : 'Nothing to remove: the companion was not installed.',
  );
  return 0;
}
