// Child processes of the lab: started under `timeout` so they stop by themselves even if the test run dies,
// tracked by PID, and stopped (only those we started) when the lab stops or the test process exits.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

/** Longest a lab daemon may live (seconds): a test run that dies leaves nothing behind for long. */
const DAEMON_LIFETIME_SECONDS = 1800;

const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.pid) child.kill('SIGTERM');
});

/** Starts a long-running program under `timeout`; its output is kept for error messages. */
export function startDaemon(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn('timeout', ['--kill-after=5', String(DAEMON_LIFETIME_SECONDS), command, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.add(child);
  child.once('exit', () => started.delete(child));
  return { child, output: () => output };
}

/** Stops a daemon we started and waits for it to exit. */
export async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Runs a command to completion; rejects with its output on failure. */
export async function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, input?: string): Promise<string> {
  const promise = promisify(execFile)(command, [...args], { env, encoding: 'utf8' });
  if (input !== undefined) {
    promise.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await promise;
    return stdout + stderr;
  } catch (caught) {
    const failure = caught as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}`);
  }
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; we release it for the daemon). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

/** Waits until `probe` resolves true, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`lab: ${what} did not come up within ${timeoutMs} ms`);
}
