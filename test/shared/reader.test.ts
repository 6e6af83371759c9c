import { describe, expect, it } from 'vitest';
import { readerOf } from '../../src/shared/reader';

describe('readerOf', () => {
  it('tells the system and the browser from the user agent and its brands', () => {
    const windows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    expect(readerOf(windows, ['Google Chrome', 'Chromium'])).toEqual({ os: 'windows', browser: 'chrome' });
    expect(readerOf(`${windows} Edg/156.0.0.0`, [])).toEqual({ os: 'windows', browser: 'edge' });
    expect(
      readerOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', ['Chromium']),
    ).toEqual({
      os: 'linux',
      browser: 'chromium',
    });
    expect(readerOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0', [])).toEqual({
      os: 'macos',
      browser: 'firefox',
    });
  });
});
