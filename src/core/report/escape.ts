// One escaping policy for text strangers wrote (URLs, host and realm names, SPNs, names inside tokens, file
// contents), applied where it is rendered: it stays text and never becomes structure — no new line or heading in
// Markdown, no link or HTML, no terminal escape sequence. The panel renders through JSX, which escapes already.

/** Control characters, line and paragraph separators and bidi overrides, made visible as \n, \x1b, \u202e. */
export function visibleControls(text: string): string {
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text for a Markdown line: controls visible, every ASCII punctuation with inline meaning backslash-escaped
 * (CommonMark §2.4: links, images, HTML, entities, emphasis, code, GFM tables and strikethrough), and "http://",
 * "https://", "ftp://" and "www." (GFM's extended autolinks) broken with a zero-width space so no renderer turns a
 * stranger's URL into a link.
 */
export function markdownText(text: string): string {
  return visibleControls(text)
    .replace(/[\\`*_[\]<>!|~&]/g, (char) => `\\${char}`)
    .replace(/\b(https?|ftp):\/\//gi, (match) => `${match.slice(0, -2)}\u200b//`)
    .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\u200b.`);
}

/** An inline code span holding the text as it is (a code span admits no markup), fenced by more backticks than
 *  the text holds in a row. */
export function markdownCode(text: string): string {
  const visible = visibleControls(text);
  const longest = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${visible}${pad}${fence}`;
}
