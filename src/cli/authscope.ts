// `authscope` command line: a thin shell over src/core. `decode` prints a token as a tree or as stable JSON.
import { readFileSync } from 'node:fs';
import { tokenTree, renderTree } from '../core/report/token-tree';
import { tokenResultJson } from '../core/token/json';
import { decodeInput } from '../core/token/input';
import type { Problem } from '../core/result';
import { diagnoseToken } from '../core/diagnosis/token';
import { findingJson } from '../core/diagnosis/json';
import { summarizeDecoded } from '../core/exchange/capture';

declare const __AUTHSCOPE_VERSION__: string;

const USAGE = `Usage: authscope decode [--json] <input | ->

  <input>  a bare token (YII…, TlRM…, oRQw…), "Negotiate <base64>", "NTLM <base64>",
           or a whole header line ("WWW-Authenticate: …", "Authorization: …"); "-" reads stdin
  --json   print the stable JSON object (docs/json.md) instead of a tree

Exit status: 0 decoded, 2 not decodable, 1 usage error.`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can capture it. */
export function run(
  args: readonly string[],
  io: { out: (text: string) => void; err: (text: string) => void; stdin: () => string },
): number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (args.includes('--version')) {
    io.out(__AUTHSCOPE_VERSION__);
    return 0;
  }
  const [command, ...rest] = args;
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

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (isMain) {
  process.exitCode = run(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    stdin: () => readFileSync(0, 'utf8'),
  });
}
