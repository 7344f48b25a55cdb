// The real server binary in mock mode (demo + reference proxy + SEEK Pass mock) on a free
// loopback port, for the browser suites.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const BINARY = process.env.SEEKPASS_SERVER_BIN ?? 'target/debug/seekpass-server';

/**
 * Starts the binary (with `env` added to its environment); resolves to `{ server, base }` once
 * it prints its address.
 */
export async function startBinary(env = {}) {
  const server = spawn(BINARY, [], {
    env: { ...process.env, SEEKPASS_LISTEN: '127.0.0.1:0', SEEKPASS_QUIET: '1', SEEKPASS_ENV: 'mock', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await once(server.stdout, 'data');
  return { server, base: String(line).match(/http:\/\/127\.0\.0\.1:\d+/)[0] };
}

/** A free loopback port, for a server that must be told its port (Next.js, nginx, WebDriver). */
export async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  return port;
}

/** Resolves once `url` answers at all (a server may say it is starting before it listens). */
export async function answering(url, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch (e) {
      if (Date.now() > until) throw new Error(`${url} never answered: ${e.cause?.code ?? e.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Starts a partner backend (`command`, e.g. an example) on a free port with `env` added; resolves
 * to `{ url, child }` once it answers. Throws with its stderr if it exits first.
 */
export async function startBackend(command, env = {}) {
  const port = await freePort();
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const started = await Promise.race([once(child.stdout, 'data').then(() => true), once(child, 'exit').then(() => false)]);
  if (!started) throw new Error(`${command.join(' ')} did not start: ${err}`);
  const url = `http://127.0.0.1:${port}`;
  await answering(`${url}/`);
  return { url, child };
}
