// `authscope` command line: a thin shell over src/core. `decode` prints a token as a tree or as stable JSON. The
// process wiring is main.ts, so tests and benches run the commands in-process.
import type { ImportedSession } from '../core/import/file-import';
import { importFile } from './import-file';
import { analysisJsonLines } from '../core/report/analysis-json';
import { dedupeFindings, diagnoseExchange } from '../core/diagnosis/findings';
import { statusChain } from '../core/diagnosis/evidence';
import { followedBySignIn, headlineOf } from '../core/report/headline';
import { mechanismText } from '../core/report/mechanism-text';
import { visibleControls as shown } from '../core/report/escape';
import { summarizeExchange } from '../core/exchange/summary';
import { tokenTree, renderTree } from '../core/report/token-tree';
import { tokenResultJson } from '../core/report/token-json';
import { decodeInput } from '../core/decode/token/input';
import type { Problem } from '../core/decode/result';
import { diagnoseToken } from '../core/diagnosis/token-findings';
import { findingJson } from '../core/report/finding-json';
import { summarizeDecoded } from '../core/decode/token/summary';
import { decodeFindingLines } from './finding-text';
import { companionCommand, probeCommand } from './probe-command';
import { inventoryCommand } from './inventory-command';

declare const __AUTHSCOPE_VERSION__: string;

const USAGE = `Usage: authscope decode [--json] <input | ->
       authscope analyze [--json] [--include-tokens] <file | ->
       authscope analyze --inventory [--json | --csv] <files or directories…>
       authscope probe [--json] [--browser chromium|chrome|edge|firefox] [--firefox-profile <dir>] <url>
       authscope companion install|uninstall [--browser chrome|chromium|edge|firefox] [--manifest-dir <dir>] [--extension-id <id>]

decode   one token: a bare token (YII…, TlRM…, oRQw…), "Negotiate <base64>", "NTLM <base64>",
         or a whole header line ("WWW-Authenticate: …", "Authorization: …"); "-" reads stdin
analyze  a Chromium NetLog (chrome://net-export JSON, read as a stream), a HAR file, or an IIS W3C log:
         every authentication exchange with its findings
  --json            print the stable JSON object (docs/json.md) instead of text
  --include-tokens  analyze --json: include raw tokens (credentials!); left out by default
  --inventory       one row per origin over many files (directories are searched for .json, .har, .log and
                    .gz files): mechanisms, NTLM dependency and why, channel binding, Kerberos etypes, last seen;
                    a Markdown table, or --csv / --json
probe    asks this computer what the browser asks: the host's canonical name and the SPN, the user's Kerberos
         ticket, a service ticket for the SPN (kvno / kgetcred / klist get), the browser's policy, and the
         handshake run with curl --negotiate; prints findings with the same rule ids as everything else
companion  registers this CLI as a native-messaging host, so the panel's "Ask this computer" can run probe

Exit status: 0 done, 2 not decodable / not a known format, 1 usage error.`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => string;
  /** The file's text in chunks ("-" = stdin), so huge NetLogs are never held whole. */
  chunks: (path: string) => Iterable<string>;
  /** The files named, with each directory replaced by the files inside it (recursively, sorted). */
  files: (paths: readonly string[]) => string[];
}

export function run(args: readonly string[], io: CliIo): number | Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.includes('--version')) {
    io.out(__AUTHSCOPE_VERSION__);
    return 0;
  }
  const [command, ...rest] = args;
  if (command === 'analyze') return rest.includes('--inventory') ? inventoryCommand(rest, io) : analyze(rest, io);
  if (command === 'probe') return probeCommand(rest, io);
  if (command === 'companion') return companionCommand(rest, io);
  if (command !== 'decode') {
    io.err(command ? `authscope: unknown command "${command}"\n\n${USAGE}` : USAGE);
    return 1;
  }
  const json = rest.includes('--json');
  const operands = rest.filter((arg) => arg !== '--json');
  if (operands.length === 0) {
    io.err(`authscope decode: missing input\n\n${USAGE}`);
    return 1;
  }
  const unknownFlag = operands.find((arg) => arg.startsWith('--'));
  if (unknownFlag) {
    io.err(`authscope decode: unknown option ${unknownFlag}`);
    return 1;
  }
  const text = operands.length === 1 && operands[0] === '-' ? io.stdin() : operands.join(' ');
  const decoded = decodeInput(text);
  const { result } = decoded;
  const findings = result.ok ? diagnoseToken(summarizeDecoded(result.value)) : [];
  if (json)
    io.out(
      JSON.stringify(
        { ...tokenResultJson(result, decoded.input?.scheme ?? null, decoded.inputWarnings), findings: findings.map(findingJson) },
        null,
        2,
      ),
    );
  if (!result.ok) {
    io.err(`authscope: not decodable: ${shown(result.error.message)} (${result.error.code} at offset ${result.error.offset})`);
    return 2;
  }
  if (!json) {
    io.out(renderTree(tokenTree(result.value.token)));
    const warnings: readonly Problem[] = [...decoded.inputWarnings, ...result.warnings];
    for (const warning of warnings) io.out(`warning: ${shown(warning.message)} (${warning.code} at offset ${warning.offset})`);
    for (const finding of findings) for (const line of decodeFindingLines(finding)) io.out(line);
  }
  return 0;
}

function analyze(args: readonly string[], io: CliIo): number {
  const json = args.includes('--json');
  const includeTokens = args.includes('--include-tokens');
  const operands = args.filter((arg) => arg !== '--json' && arg !== '--include-tokens');
  const unknownFlag = operands.find((arg) => arg.startsWith('--'));
  if (unknownFlag || operands.length !== 1) {
    io.err(unknownFlag ? `authscope analyze: unknown option ${unknownFlag}` : `authscope analyze: give one file (or -)\n\n${USAGE}`);
    return 1;
  }
  const path = operands[0] as string;
  const read = importFile(path, io.chunks);
  if ('unreadable' in read) {
    io.err(`authscope: cannot read ${shown(path)}: ${shown(read.unreadable)}`);
    return 1;
  }
  const imported = read.result;
  if (!imported.ok) {
    io.err(`authscope: ${shown(path)}: ${shown(imported.error.message)} (${imported.error.code})`);
    return 2;
  }
  try {
    // Warnings go with the result, where the reader looks: a best-effort read or a cut-off file is part of the answer.
    if (json) for (const line of analysisJsonLines(imported.value, { includeTokens, warnings: imported.warnings })) io.out(line);
    else printAnalysis(imported.value, imported.warnings, io);
  } catch (error) {
    io.err(
      `authscope: ${shown(path)}: the analysis failed: ${shown(error instanceof Error ? error.message : String(error))} (internal-error)`,
    );
    return 2;
  }
  return 0;
}

/** The text report: the import's warnings, one block per exchange (its legs, outcome, mechanism and findings), IIS
 *  stories last. */
function printAnalysis(session: ImportedSession, warnings: readonly Problem[], io: CliIo): void {
  const findings = session.exchanges.map((exchange) => diagnoseExchange(exchange));
  const distinct = dedupeFindings([...findings.flat(), ...session.findings]);
  io.out(
    `${session.source}${session.browser ? ` from ${shown(session.browser)}` : ''}: ${session.exchanges.length} exchanges, ${distinct.length} distinct findings`,
  );
  for (const warning of warnings) io.out(`warning: ${shown(warning.message)} (${warning.code})`);
  const transient = followedBySignIn(session.exchanges);
  session.exchanges.forEach((exchange, index) => {
    const summary = summarizeExchange(exchange);
    const headline = headlineOf(exchange, findings[index] ?? [], { transient: transient.has(exchange.id) });
    io.out(`\n${shown(exchange.method)} ${shown(exchange.url)}  ${shown(statusChain(exchange))}  ${summary.outcome}`);
    io.out(`  ${shown(headline.sentence)}`);
    io.out(`  mechanism: ${shown(mechanismText(summary.mechanismReading))}`);
    for (const finding of findings[index] ?? []) io.out(`  [${finding.severity}] ${finding.id}: ${shown(finding.title)}`);
  });
  for (const finding of session.findings)
    io.out(`[${finding.severity}] ${finding.id}: ${shown(finding.title)} — ${shown(finding.url ?? '')}`);
}
