// Advice for spn-mismatch (rules/spn-mismatch.ts): register the SPN the browser asks for, or change what it asks.
import { command, withCommands } from './command';
import type { Adviser } from '../finding';
import { chromiumPolicy } from '../policies';
import { compareSpn, kerberosFailed } from '../rules/spn-mismatch';
import { advice } from './common';

export const spnMismatchAdvice: Adviser = (verdict, context) => {
  const comparison = compareSpn(context);
  if (!comparison) return advice('');
  const { asked, spnHost, urlHost, urlPort } = comparison;
  const expected = `HTTP/${urlHost}`;
  if (verdict.subject === 'port') {
    return advice(
      `Browsers leave the port out of the SPN by default. If the site’s account has HTTP/${urlHost}:${urlPort} but not ` +
        `${expected}, Kerberos fails.`,
      {
        fixes: [
          {
            text: `Register ${expected} on the site’s account.`,
            ...withCommands(command`setspn -Q ${expected}`, command`setspn -Q HTTP/${urlHost}:${urlPort}`),
          },
          { text: 'Or include the port in the SPN.', settings: chromiumPolicy('EnableAuthNegotiatePort', true) },
        ],
      },
    );
  }
  return advice(
    `The URL says ${urlHost}, but the browser resolved it to the canonical name ${spnHost} (a CNAME) and asked the KDC ` +
      `for ${asked.spn}. The SPN must be registered for the name the browser asks for.` +
      (kerberosFailed(context)
        ? ''
        : ' Kerberos worked here, so that SPN is registered; other browsers or settings may ask for the URL name.'),
    {
      fixes: [
        {
          text: `Register ${asked.spn} on the site’s account (the account holding ${expected} is not asked).`,
          ...withCommands(command`setspn -Q ${asked.spn}`, command`setspn -Q ${expected}`),
        },
        { text: 'Or make the browser use the URL name.', settings: chromiumPolicy('DisableAuthNegotiateCnameLookup', true) },
      ],
    },
  );
};
