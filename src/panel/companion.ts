// "Ask this computer": asks the companion (the CLI registered as a native-messaging host, `authscope companion install`)
// to run `authscope probe` on the exchange's URL. The nativeMessaging permission is optional: it is requested at the
// first click (the click is the user gesture the request needs), and nothing is sent but the URL.
import { type ProbeAnswer, parseProbeAnswer } from '../core/report/probe-answer';
import { browser } from '../shared/browser';
import { COMPANION_HOST } from '../shared/extension-id';

export type ComputerAnswer =
  | { readonly answer: ProbeAnswer }
  | { readonly error: string; /** The companion is not installed: the one line that installs it. */ readonly install?: string };

/** The one line that installs the CLI (the release's tarball, this extension's version) and registers the companion. */
const installCompanionLine = (): string =>
  `npm install -g authscope-cli-${browser.runtime.getManifest().version}.tgz && authscope companion install`;

type NativeRuntime = { sendNativeMessage?: (host: string, message: unknown) => Promise<unknown> };

export async function askThisComputer(url: string): Promise<ComputerAnswer> {
  const granted = await browser.permissions.request({ permissions: ['nativeMessaging'] }).catch(() => false);
  if (!granted) {
    return {
      error: 'AuthScope needs the optional permission to talk to a program on this computer (native messaging); it was not granted.',
    };
  }
  const runtime = browser.runtime as unknown as NativeRuntime;
  if (!runtime.sendNativeMessage) return { error: 'This browser does not offer native messaging to AuthScope.' };
  try {
    const parsed = parseProbeAnswer(await runtime.sendNativeMessage(COMPANION_HOST, { url }));
    return parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /not found|No such native application|not installed|Access to the specified native messaging host is forbidden/i.test(message)
      ? { error: 'The AuthScope companion is not installed on this computer.', install: installCompanionLine() }
      : { error: `The companion did not answer: ${message.slice(0, 300)}` };
  }
}
