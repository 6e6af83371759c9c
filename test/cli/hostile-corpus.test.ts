// The CLI on the hostile-input corpus: every file gets its expected exit code and a clear message, nothing crashes
// (no stack trace), nothing a stranger wrote reaches the terminal as a control sequence, a site's secrets are never
// printed, and --json stays valid JSON.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/authscope';
import { hostileCases, hostileFiles } from '../helpers/hostile-corpus';

function cli(args: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const chunks = (path: string) => {
    const text = files[path] ?? '';
    return Array.from({ length: Math.max(1, Math.ceil(text.length / 65_536)) }, (_, index) =>
      text.slice(index * 65_536, (index + 1) * 65_536),
    );
  };
  const code = run(args, {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    stdin: () => '',
    chunks,
    files: (paths) => [...paths],
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** C0 controls other than newline, DEL, C1 controls and bidi overrides never reach the terminal raw. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const files = hostileFiles();

describe('hostile-input corpus (test/fixtures/hostile)', () => {
  it('holds at least 50 files across NetLog, HAR, IIS log and tokens', () => {
    const kinds = new Set(files.map(([name]) => name.split('-')[0]));
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect([...kinds].sort()).toEqual(['har', 'iis', 'netlog', 'token']);
  });

  for (const [name, content] of files) {
    const expected = hostileCases[name];
    if (!expected) continue;
    const variants =
      expected.command === 'decode'
        ? [['decode', content]]
        : [
            ['analyze', name],
            ['analyze', '--json', name],
          ];
    for (const args of variants) {
      it(`${args.slice(0, -1).join(' ')} ${name} → exit ${expected.exit}`, () => {
        const result = cli(args, { [name]: content });
        expect(result.code).toBe(expected.exit);
        const printed = `${result.out}\n${result.err}`;
        expect(printed).not.toMatch(/\n\s+at .+:\d+:\d+/);
        expect(printed).not.toMatch(RAW_CONTROLS);
        for (const secret of expected.never ?? []) expect(printed).not.toContain(secret);
        if (expected.exit !== 0) {
          expect(result.err.trim().split('\n')).toHaveLength(1);
          if (expected.stderr) expect(result.err).toMatch(new RegExp(expected.stderr));
        } else if (args.includes('--json')) {
          expect(() => JSON.parse(result.out)).not.toThrow();
        } else {
          if (expected.stdout) expect(result.out).toMatch(new RegExp(expected.stdout, 'm'));
          if (expected.stderr) expect(result.err).toMatch(new RegExp(expected.stderr));
        }
      });
    }
  }
});
