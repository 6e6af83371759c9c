// The lab's HTTPS in real Chromium and Firefox: both trust the throwaway lab CA through their NSS databases (and fail
// without it), authenticate on ntlm-https and negotiate-h2, and the servers' logs say what each browser sent — the
// NTLM channel binding (MS-NLMP §3.1.5.1.2, RFC 5929) and the HTTP version of each Negotiate leg.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApacheRequest } from '../../tools/lab/apache';
import type { ServerLogEntry } from '../../tools/lab/ntlm-server';
import { LAB_CA_ENV } from '../../tools/lab/tls';
import { type Lab, LAB_HOSTS, promptsForNtlm, startLab } from '../../tools/lab/lab';
import { launchChromiumWithExtension, launchFirefoxWithExtension } from '../../tools/browsers/launch';
import { type BrowserDriver, chromiumDriver, firefoxDriver, settledExchange } from '../../tools/browsers/driver';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => lab?.stop());

/** Visits `url`, waits for its exchange and returns the final status and what the server logged meanwhile. */
async function visit<T>(driver: BrowserDriver, url: string, log: () => readonly T[]): Promise<{ status: number | undefined; logged: T[] }> {
  const before = log().length;
  await driver.visit(url, promptsForNtlm(url));
  const found = await settledExchange(driver, url);
  return { status: found?.exchange.legs.at(-1)?.response?.status, logged: log().slice(before) };
}

/** The AUTHENTICATE legs of the page itself (the favicon authenticates too). */
const authenticates = (entries: readonly ServerLogEntry[]) =>
  entries.filter((entry) => entry.path === '/ntlm-only/' && entry.tokenKind === 'ntlm-authenticate');

/** The requests for the page itself, as Apache logged them. */
const pageRequests = (requests: readonly ApacheRequest[]) =>
  requests.filter((request) => request.path === '/' || request.path === '/index.html');

describe('the lab CA is what makes HTTPS work', () => {
  const withoutCa = () => Object.fromEntries(Object.entries(lab.browserEnv).filter(([name]) => name !== LAB_CA_ENV));

  it('chromium without it: net::ERR_CERT_AUTHORITY_INVALID', async () => {
    const chromium = await launchChromiumWithExtension({ env: withoutCa() });
    try {
      const page = await chromium.context.newPage();
      await expect(page.goto(lab.urls['negotiate-h2'])).rejects.toThrow(/net::ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await chromium.close();
    }
  });

  it('firefox without it: SEC_ERROR_UNKNOWN_ISSUER', async () => {
    const firefox = await launchFirefoxWithExtension({}, withoutCa());
    try {
      const page = await firefox.browser.newPage();
      await expect(page.goto(lab.urls['negotiate-h2'], { timeout: 15_000 })).rejects.toThrow(/SEC_ERROR_UNKNOWN_ISSUER/);
    } finally {
      await firefox.close();
    }
  });
});

describe('chromium with the lab CA in $HOME/.pki/nssdb', () => {
  let driver: BrowserDriver;
  beforeAll(async () => {
    driver = await chromiumDriver(lab.browserEnv);
    await driver.warmUp(lab.urls['kerberos-ok']); // the first Negotiate challenge after start fails (docs/platform-notes.md)
  });
  afterAll(async () => driver?.close());

  it('ntlm-https: 200, and the AUTHENTICATE binds to the TLS channel: the right tls-server-end-point hash', async () => {
    const { status, logged } = await visit(driver, lab.urls['ntlm-https'], () => lab.secure.log);
    expect(status).toBe(200);
    const sent = authenticates(logged);
    expect(sent.length).toBeGreaterThan(0);
    for (const entry of sent) {
      expect(entry).toMatchObject({ status: 200, user: 'alice', tls: 'TLSv1.3' });
      expect(entry.channelBindings).toEqual({
        state: 'hash',
        value: lab.tls.ntlmChannelBindings,
        matches: true,
        expected: lab.tls.ntlmChannelBindings,
        // The SPN it names carries the port (service binding, MS-NLMP §3.1.5.1.2).
        targetName: `HTTP/${LAB_HOSTS.secure}:${new URL(lab.urls['ntlm-https']).port}`,
      });
    }
  });

  it('negotiate-h2: 200; the 401 over HTTP/2, then the ticket on another connection', async () => {
    const { status, logged } = await visit(driver, lab.urls['negotiate-h2'], () => lab.apache.requests(LAB_HOSTS.h2));
    expect(status).toBe(200);
    const [challenge, signIn, ...rest] = pageRequests(logged);
    expect(challenge).toMatchObject({ protocol: 'HTTP/2.0', status: 401, user: null });
    // Usually over HTTP/1.1 (HTTP2_SESSION_CLOSE −365, a new socket with ALPN http/1.1); at times over a preconnected
    // HTTP/2 socket that was already idle in the pool (docs/platform-notes.md).
    expect(signIn).toMatchObject({ status: 200, user: 'alice@LAB.TEST', protocol: expect.stringMatching(/^HTTP\/(1\.1|2\.0)$/) });
    expect(signIn?.clientPort).not.toBe(challenge?.clientPort);
    expect(rest).toEqual([]);
  });
});

describe("firefox with the lab CA in its profile's cert9.db", () => {
  let driver: BrowserDriver;
  beforeAll(async () => {
    driver = await firefoxDriver(lab.browserEnv);
  });
  afterAll(async () => driver?.close());

  it('ntlm-https: 200, and the AUTHENTICATE carries no MsvAvChannelBindings at all', async () => {
    const { status, logged } = await visit(driver, lab.urls['ntlm-https'], () => lab.secure.log);
    expect(status).toBe(200);
    const sent = authenticates(logged);
    expect(sent.length).toBeGreaterThan(0);
    for (const entry of sent) {
      expect(entry).toMatchObject({ status: 200, user: 'alice', tls: 'TLSv1.3' });
      expect(entry.channelBindings).toEqual({
        state: 'absent',
        value: null,
        matches: null,
        expected: lab.tls.ntlmChannelBindings,
        targetName: null,
      });
    }
  });

  it('negotiate-h2: 200; the 401 over HTTP/2, the same anonymous request again over HTTP/1.1, then the ticket', async () => {
    const { status, logged } = await visit(driver, lab.urls['negotiate-h2'], () => lab.apache.requests(LAB_HOSTS.h2));
    expect(status).toBe(200);
    const requests = pageRequests(logged);
    expect(requests.map(({ protocol, status: code, user }) => [protocol, code, user])).toEqual([
      ['HTTP/2.0', 401, null],
      ['HTTP/1.1', 401, null],
      ['HTTP/1.1', 200, 'alice@LAB.TEST'],
    ]);
    expect(requests[2]?.clientPort).toBe(requests[1]?.clientPort);
    expect(requests[1]?.clientPort).not.toBe(requests[0]?.clientPort);
  });
});
