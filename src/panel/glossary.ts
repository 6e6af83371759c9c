// The words of Windows Integrated Authentication the panel uses, each in one or two plain sentences: shown as tooltips
// where the word appears (column headers, evidence, token fields) and together in the panel's glossary.

export const GLOSSARY: Readonly<Record<string, string>> = {
  leg: 'One request and its response within a sign-in handshake. Kerberos usually takes two legs (401, then 200), NTLM three (401, 401 with the challenge, then 200).',
  Negotiate:
    'The HTTP scheme (SPNEGO, RFC 4559) that carries Kerberos when the client can get a ticket for the server, and falls back to NTLM otherwise.',
  SPNEGO: 'The wrapper inside Negotiate that lists mechanisms (Kerberos, NTLM) and carries the chosen one’s token (RFC 4178).',
  negState:
    'The server’s verdict inside a SPNEGO answer: accept-completed (signed in), accept-incomplete (continue the handshake), reject (refused), request-mic.',
  mechTypes: 'The mechanisms a SPNEGO offer lists, most preferred first (Kerberos, Microsoft’s Kerberos OID, NTLM, NegoEx).',
  supportedMech: 'The mechanism the server picked from the client’s SPNEGO offer.',
  Kerberos:
    'Ticket-based sign-in: the client asks the domain controller (KDC) for a service ticket for the server’s SPN and sends it; no password crosses the network.',
  NTLM: 'Challenge–response sign-in (MS-NLMP): three messages — NEGOTIATE, CHALLENGE, AUTHENTICATE — over one connection; the fallback when Kerberos cannot work.',
  SPN: 'Service Principal Name, e.g. HTTP/intranet.corp.example: the name the client asks the KDC a ticket for. It must be registered on exactly one account — the one the site runs as.',
  KDC: 'Key Distribution Center: the domain controller (or MIT krb5kdc) that issues Kerberos tickets.',
  TGT: 'Ticket-granting ticket: the user’s Kerberos logon ticket, used to ask the KDC for service tickets (klist shows it).',
  'AP-REQ': 'The Kerberos message a client sends a server: the service ticket plus an authenticator.',
  'AP-REP': 'The server’s Kerberos answer proving it could decrypt the ticket (mutual authentication).',
  'KRB-ERROR': 'A Kerberos error message, e.g. KRB_AP_ERR_MODIFIED (the server could not decrypt the ticket).',
  etype: 'Kerberos encryption type: 17 and 18 are AES (good); 23 is RC4-HMAC and 1–3 are DES (weak, being retired — RFC 8429, RFC 6649).',
  kvno: 'Key version number: which version of the service account’s key encrypted the ticket. A keytab with an older kvno cannot decrypt it.',
  keytab: 'A file holding a service account’s Kerberos keys, used by Apache, nginx or Java servers to decrypt tickets.',
  'NT-SRV-HST': 'Kerberos name type 3: a service on a host, like HTTP/intranet.corp.example.',
  'NT-PRINCIPAL': 'Kerberos name type 1: a user or a plain principal name.',
  'mutual-required': 'An AP-REQ option: the client asks the server to prove itself with an AP-REP. Browsers usually do not set it.',
  realm: 'The Kerberos domain, written in capitals (CORP.EXAMPLE).',
  'kernel-mode authentication':
    'IIS’s default: http.sys authenticates before IIS sees the request, answering 401 as Microsoft-HTTPAPI/2.0. It decrypts Kerberos tickets with the computer account unless useAppPoolCredentials is set.',
  'Persistent-Auth':
    'An IIS response header: true means the connection stays authenticated, so later requests on it need no new handshake.',
  AuthServerAllowlist:
    'The Chrome and Edge policy listing the sites the browser may sign in to with the user’s Windows credentials without asking (Firefox: network.negotiate-auth.trusted-uris).',
  NetLog:
    'Chromium’s own network log (chrome://net-export or edge://net-export): it shows every leg and the Kerberos library’s result that extensions cannot see.',
  'pre-authenticated':
    'A request that carries credentials before the server challenged it. IIS with kernel-mode authentication refuses it with 401.1 (Microsoft KB2749007).',
  '401.1': 'IIS: logon failed — the credentials arrived but could not be turned into a Windows user.',
  '401.2': 'IIS: the request did not use the authentication the server requires — the normal first, anonymous leg of every handshake.',
};

/** The term's explanation, matching case-insensitively; null for words the glossary does not know. */
export function explain(term: string): string | null {
  const wanted = term.trim().toLowerCase();
  for (const [key, text] of Object.entries(GLOSSARY)) if (key.toLowerCase() === wanted) return text;
  return null;
}

/** Every glossary term a text mentions (as a whole word), for a tooltip listing them. */
export function termsIn(text: string): string[] {
  return Object.keys(GLOSSARY).filter((term) =>
    new RegExp(`(^|[^\\w-])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`, 'i').test(text),
  );
}
