// `authscope` command line: a thin shell over src/core. `decode` prints a token as a tree or as stable JSON.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { NetLogImport, detectFormat, importText } from '../core/import/analyze';
import { analysisJson } from '../core/report/analysis-json';
import { mechanismText } from '../core/report/mechanism-text';
import { summarizeExchange } from '../core/exchange/summary';
import { tokenTree, renderTree } from '../core/report/token-tree';
import { tokenResultJson } from '../core/token/json';
import { decodeInput } from '../core/token/input';
import type { Problem } from '../core/result';
import { diagnoseToken } from '../core/diagnosis/token';
import { findingJson } from '../core/diagnosis/json';
import { summarizeDecoded } from '../core/token/summary';

declare const __AUTHSCOPE_VERSION__: string;

const USAGE = `Usage: authscope decode [--json] <input | ->
       authscope analyze [--json] [--include-tokens] <file | ->

decode   one token: a bare token (YII…, TlRM…, oRQw…), "Negotiate <base64>", "NTLM <base64>",
         or a whole header line ("WWW-Authenticate: …", "Authorization: …"); "-" reads stdin
analyze  a Chromium NetLog (chrome://net-export JSON, read as a stream), a HAR file, or an IIS W3C log:
         every authentication exchange with its findings
  --json            print the stable JSON object (docs/json.md) instead of text
  --include-tokens  analyze --json: include raw tokens (credentials!); left out by default

Exit status: 0 done, 2 not decodable / not a known format, 1 usage error.`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  stdin: () => string;
  /** The file's text in chunks ("-" = stdin), so huge NetLogs are never held whole. */
  chunks: (path: string) => Iterable<string>;
}

export function run(args: readonly string[], io: CliIo): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.includes('--version')) {
    io.out(__AUTHSCOPE_VERSION__);
    return 0;
  }
  const [command, ...rest] = args;
  if (command === 'analyze') return analyze(rest, io);
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
    io.err(`authscope: not decodable: ${result.error.message} (${result.error.code} at offset ${result.error.offset})`);
    return 2;
  }
  if (!json) {
    io.out(renderTree(tokenTree(result.value.token)));
    const warnings: readonly Problem[] = [...decoded.inputWarnings, ...result.warnings];
    for (const warning of warnings) io.out(`warning: ${warning.message} (${warning.code} at offset ${warning.offset})`);
    for (const finding of findings)
      io.out(
        `finding: [${finding.severity}] ${finding.id}: ${finding.title}\n  ${finding.explanation}\n  fix: ${finding.fixes.map((fix) => fix.text).join(' / ')}`,
      );
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
  let imported: ReturnType<typeof importText>;
  try {
    imported = importChunks(io.chunks(operands[0] as string));
  } catch (error) {
    io.err(`authscope: cannot read ${operands[0]}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (!imported.ok) {
    io.err(`authscope: ${imported.error.message} (${imported.error.code})`);
    return 2;
  }
  for (const warning of imported.warnings) io.err(`warning: ${warning.message} (${warning.code})`);
  const result = analysisJson(imported.value, { includeTokens });
  if (json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  io.out(
    `${result.source}${result.browser ? ` from ${result.browser}` : ''}: ${result.exchanges.length} exchanges, ${result.findings.length} distinct findings`,
  );
  result.exchanges.forEach((exchange, index) => {
    const source = imported.value.exchanges[index];
    io.out(`\n${exchange.method} ${exchange.url}  ${exchange.legs.map((leg) => leg.status ?? '…').join(' → ')}  ${exchange.outcome}`);
    if (source) io.out(`  mechanism: ${mechanismText(summarizeExchange(source).mechanismReading)}`);
    for (const finding of exchange.findings) io.out(`  [${finding.severity}] ${finding.id}: ${finding.title}`);
  });
  if (result.source === 'iis-log')
    for (const finding of result.findings) io.out(`[${finding.severity}] ${finding.id}: ${finding.title} — ${finding.url}`);
  return 0;
}

/** NetLogs stream through the line reader; HAR and IIS logs are read whole. */
function importChunks(chunks: Iterable<string>): ReturnType<typeof importText> {
  let head = '';
  let netlog: NetLogImport | null = null;
  const held: string[] = [];
  for (const chunk of chunks) {
    if (netlog) {
      netlog.push(chunk);
      continue;
    }
    head += chunk;
    held.push(chunk);
    if (head.length >= 4096 && detectFormat(head) === 'netlog') {
      netlog = new NetLogImport();
      for (const piece of held) netlog.push(piece);
      held.length = 0;
    }
  }
  return netlog ? netlog.finish() : importText(held.join(''));
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (isMain) {
  process.exitCode = run(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: () => readFileSync(0, 'utf8'),
    chunks: fileChunks,
  });
}

/** Reads a file (or stdin for "-") in 1 MB chunks, decoding UTF-8 across chunk boundaries. */
function* fileChunks(path: string): Iterable<string> {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  const decoder = new StringDecoder('utf8');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, read));
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}
