// Advice for header-too-large (rules/header-too-large.ts). Sizing: Microsoft KB2020943 ((4/3 × token) + 200
// bytes) and the token size formula of KB327825 (1200 + 40 × domain-local/universal groups + 8 × global groups).
import { serverOf } from '../../exchange/server';
import type { Adviser, Fix } from '../finding';
import { largestTokenBytes } from '../rules/header-too-large';
import { advice, hiddenLegsNote } from './common';

/** KB2020943: a header field must hold the base64 token (4/3 of its bytes) plus the scheme and some slack. */
function headerBytesFor(tokenBytes: number): number {
  return Math.ceil((4 / 3) * tokenBytes) + 200;
}

export const headerTooLargeAdvice: Adviser = (_verdict, { exchange }) => {
  const tokenBytes = largestTokenBytes(exchange);
  const needed = tokenBytes > 0 ? headerBytesFor(tokenBytes) : null;
  const kind = serverOf(exchange)?.kind ?? 'other';
  const httpSys: Fix = {
    text: `Raise http.sys limits on the server (HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters, then restart HTTP or reboot)${needed ? `: MaxFieldLength ≥ ${needed} and MaxRequestBytes ≥ ${needed} + the other headers` : ': MaxFieldLength and MaxRequestBytes ≥ (4/3 × token size) + 200'} (KB2020943).`,
    commands: [
      `reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxFieldLength /t REG_DWORD /d ${Math.max(needed ?? 0, 65534)} /f`,
      `reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters /v MaxRequestBytes /t REG_DWORD /d ${Math.max(needed ?? 0, 65536)} /f`,
    ],
  };
  const apache: Fix = {
    text: `Apache: raise LimitRequestFieldSize in the virtual host${needed ? ` to at least ${needed}` : ''} (8190 by default), e.g. LimitRequestFieldSize 65536.`,
  };
  const nginx: Fix = { text: 'nginx: raise large_client_header_buffers (e.g. 4 64k) in the server block.' };
  const server = kind === 'iis' ? [httpSys] : kind === 'apache' ? [apache] : kind === 'nginx' ? [nginx] : [httpSys, apache, nginx];
  return advice(
    'The server refused the request that carried the token with 400 Bad Request: the Authorization header is larger ' +
      'than the server accepts. Kerberos tickets grow with the user’s group memberships (the PAC), so users in many ' +
      'groups hit http.sys limits (MaxFieldLength, MaxRequestBytes, 16 KB by default) or Apache’s LimitRequestFieldSize ' +
      '(8190 bytes by default).',
    {
      fixes: [
        ...server,
        {
          text: 'Reduce the token: remove the user from groups they do not need (token size ≈ 1200 + 40 × domain-local/universal groups + 8 × global groups, KB327825).',
          commands: ['whoami /groups'],
        },
      ],
      missing: tokenBytes ? null : hiddenLegsNote(exchange),
      next:
        kind === 'apache'
          ? 'Raise Apache’s LimitRequestFieldSize for this site.'
          : kind === 'nginx'
            ? 'Raise nginx’s large_client_header_buffers.'
            : kind === 'iis'
              ? 'Raise http.sys MaxFieldLength and MaxRequestBytes on the server.'
              : 'Raise the server’s request header limit, or shrink the user’s token.',
    },
  );
};
