import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/diagnosis/finding';
import { decodeFindingLines, probeFindingLines } from '../../src/cli/finding-text';

const finding = (fixes: Finding['fixes']): Finding => ({
  id: 'kerberos-error',
  severity: 'error',
  title: 'KRB_ERR_GENERIC (60): Generic error',
  exchangeId: null,
  url: null,
  evidence: [{ leg: 1, source: 'token', name: 'KRB-ERROR error-code', value: '60 KRB_ERR_GENERIC' }],
  explanation: 'The server answered with a Kerberos error.',
  fixes,
  missing: null,
  sources: [],
});

describe('the CLI’s finding lines', () => {
  it('prints no "fix:" line for fixes without text, in decode and probe output', () => {
    const empty = finding([{ text: '' }, { text: '   ' }]);
    expect(decodeFindingLines(empty)).toEqual([
      'finding: [error] kerberos-error: KRB_ERR_GENERIC (60): Generic error\n  The server answered with a Kerberos error.',
    ]);
    expect(probeFindingLines(empty, 3)).toEqual([
      '  [error] kerberos-error: KRB_ERR_GENERIC (60): Generic error',
      '    token leg 2 KRB-ERROR error-code: 60 KRB_ERR_GENERIC',
    ]);
  });

  it('joins the fixes that have text and keeps an empty fix’s commands', () => {
    const mixed = finding([
      { text: '', commands: ['klist purge'] },
      { text: 'Sync the clocks.', commands: ['w32tm /resync'] },
      { text: 'Third.' },
      { text: 'Fourth.' },
    ]);
    expect(decodeFindingLines(mixed)[1]).toBe('  fix: Sync the clocks. / Third. / Fourth.');
    expect(probeFindingLines(mixed, 3).slice(2)).toEqual([
      '      $ klist purge',
      '    fix: Sync the clocks.',
      '      $ w32tm /resync',
      '    fix: Third.',
    ]);
    expect(probeFindingLines(mixed, 3).join('\n')).not.toMatch(/fix:\s*$/m);
  });

  it('makes a stranger’s control characters visible', () => {
    expect(decodeFindingLines(finding([{ text: 'evil\u001b[31m' }]))[1]).not.toContain('\u001b');
  });
});
