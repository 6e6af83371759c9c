// Advice for credential-prompt (rules/credential-prompt.ts).
import { command, withCommands } from './command';
import type { Adviser } from '../finding';
import { hostOf } from '../evidence';
import { HOW_TO_CHECK_POLICIES, allowlistPatternFor, allowlistSettings, firefoxPref } from '../policies';
import { advice } from './common';

export const credentialPromptAdvice: Adviser = (_verdict, { exchange, summary }) => {
  const host = hostOf(exchange.url);
  const ntlmAfterNegotiate =
    exchange.prompts[0]?.scheme.toLowerCase() === 'ntlm' && summary.offered.some((scheme) => scheme.toLowerCase() === 'negotiate');
  return advice(
    'Instead of signing in silently with the logged-on user, the browser asked for a user name and password. On ' +
      'Windows this means the site is not trusted for default credentials, or Kerberos failed and NTLM had no ' +
      'credentials to use; on Linux and macOS browsers have no logged-on Windows user for NTLM and always prompt.' +
      (ntlmAfterNegotiate ? ' The prompt is for NTLM although Negotiate was offered: Kerberos did not work first.' : ''),
    {
      fixes: [
        {
          text: `Trust ${allowlistPatternFor(host)} for default credentials. ${HOW_TO_CHECK_POLICIES}`,
          settings: allowlistSettings(host, ['network.automatic-ntlm-auth.trusted-uris', 'network.negotiate-auth.trusted-uris']),
        },
        {
          text: 'Make Kerberos work so NTLM is not needed (SPN registered for the host, user holds a TGT).',
          ...withCommands(command`setspn -Q HTTP/${host}`, 'klist'),
        },
        ...(exchange.browser === 'firefox'
          ? [
              {
                text: 'Firefox on Windows signs in to NTLM sites silently only with the system’s NTLM: network.auth.force-generic-ntlm must be false (its own NTLM module has no logged-on user and always asks).',
                settings: firefoxPref('network.auth.force-generic-ntlm', false),
              },
            ]
          : []),
      ],
      next: `Trust ${allowlistPatternFor(host)} for default credentials so the browser signs in without asking.`,
    },
  );
};
