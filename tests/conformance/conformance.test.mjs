// The conformance check as a certification (issue 25): the reference proxy and the Node
// example pass every check, with the mock driven to misbehave; each defective backend in
// defects.mjs fails the check that names its defect, every run; and the tool is usable as a
// partner uses it, outside this repository: --help, a one-line message for every setup
// mistake, machine-readable output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startBackend, startBinary } from '../binary.mjs';
import defects from './defects.mjs';

// Limits high enough for a whole run as one user (the help says so), and a short upstream
// timeout so the slow-SEEK-Pass check takes seconds.
const LIMITS = { SEEKPASS_RATE_USER_ADD: '60/60', SEEKPASS_TIMEOUT_MS: '2000' };
// The example drops slow clients sooner than the check's bounds, so its slow group is quick.
const TIMEOUTS = { SEEKPASS_HEADER_TIMEOUT_SECS: '2', SEEKPASS_REQUEST_TIMEOUT_SECS: '5' };
const RECORDS = resolve('server/demo/records.json');
let server;
let base;
let scratch;

before(async () => {
  ({ server, base } = await startBinary(LIMITS));
  scratch = await mkdtemp(join(tmpdir(), 'seekpass-conformance-'));
});

after(async () => {
  server?.kill();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Runs the check from `dir`; resolves to its exit code, stdout and stderr. */
async function run(args, dir = 'scripts/conformance') {
  const child = spawn('node', [join(dir, 'cli.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const [code] = await once(child, 'exit');
  return { code, out, err };
}

/** The check's JSON report against `target`, with the mock group on. */
async function certify(target, ...extra) {
  const { code, out, err } = await run([target, '--mock', base, '--upstream-timeout', '2', '--format', 'json', ...extra]);
  assert.equal(err, '', 'no setup error');
  assert.doesNotMatch(out, /partner\/add\/[a-zA-Z]+#|content=[^"]/, 'the link is never printed');
  return { code, report: JSON.parse(out) };
}

/** Starts the Node example found in `dir` (or the command given) against the mock. */
const example = (dir, command = ['node', join(dir, 'server.mjs')]) => startBackend(command, { ...LIMITS, ...TIMEOUTS, SEEKPASS_API_BASE: base, RECORDS });

/**
 * The links group's options for a backend at `origin`: an email link, an expired one and a
 * printed one, for the demo learner's degree. The reference's come from its command (the expired
 * one lives a second, waited out); the Node example's from its own mint(), the expired one dated
 * in the past, so the many defect runs wait for nothing.
 */
async function linkArgs(origin, reference) {
  const personal = ['--personal', 'Jane Citizen', '--personal', 'Citizen'];
  if (!reference) {
    const out = execFileSync('node', ['--input-type=module', '-e', `
      const { mint, PREFIX } = await import('./examples/backend-node/links.mjs');
      const now = Math.floor(Date.now() / 1000);
      const link = (channel, expires) => '${origin}' + PREFIX + mint({ channel, expires, user: 'learner-jane', type: 'education', refs: ['grad-2024-0042'] });
      console.log(JSON.stringify([link('email', now + 3600), link('sms', now - 10), link('print', now + 3600)]));`],
    { encoding: 'utf8', env: { ...process.env, SEEKPASS_API_BASE: base } });
    const [link, expired, print] = JSON.parse(out);
    return ['--link', link, '--expired-link', expired, '--print-link', print, ...personal];
  }
  const mint = (...args) => execFileSync(process.env.SEEKPASS_SERVER_BIN ?? 'target/debug/seekpass-server', ['link', ...args],
    { encoding: 'utf8', env: { ...process.env, SEEKPASS_ENV: 'mock', SEEKPASS_PUBLIC_ORIGIN: origin } }).trim();
  const own = ['--user', 'learner-jane', '--type', 'education', '--ref', 'grad-2024-0042'];
  const args = ['--link', mint(...own, '--channel', 'email'), '--expired-link', mint(...own, '--channel', 'sms', '--ttl', '1s'),
    '--print-link', mint(...own, '--channel', 'print'), ...personal];
  await new Promise((r) => setTimeout(r, 2100)); // past the one-second link's expiry
  return args;
}

const failures = (report) => report.checks.filter((c) => c.result === 'fail').map((c) => `${c.id}: ${c.message}`);

test('the reference proxy passes every check, SEEK Pass misbehaving included', async () => {
  const { code, report } = await certify(base, ...await linkArgs(base, true));
  assert.deepEqual(failures(report), []);
  assert.equal(code, 0);
  assert.deepEqual(report.checks.filter((c) => c.result === 'skip').map((c) => c.id), ['slow.headers', 'slow.body']);
  assert.ok(report.passed >= 45, `${report.passed} checks`);
});

test('the Node example passes every check, slow clients included', async () => {
  const { url, child } = await example('examples/backend-node');
  try {
    const { code, report } = await certify(url, '--slow', ...await linkArgs(url, false));
    assert.deepEqual(failures(report), []);
    assert.equal(code, 0);
    assert.equal(report.skipped, 0);
  } finally {
    child.kill();
  }
});

test('the Python example (FastAPI) passes every check but the slow-client group', async () => {
  const { url, child } = await example(null, ['target/python-venv/bin/python', 'examples/backend-python/app.py']);
  try {
    const { code, report } = await certify(url);
    assert.deepEqual(failures(report), []);
    assert.equal(code, 0);
    // No entry links in the Python example (issue 26 asks them of the reference and Node).
    assert.deepEqual(report.checks.filter((c) => c.result === 'skip').map((c) => c.id).filter((id) => !id.startsWith('links.')), ['slow.headers', 'slow.body']);
  } finally {
    child.kill();
  }
});

for (const defect of defects) {
  test(`a backend with one defect fails: ${defect.name}`, async () => {
    const dir = join(scratch, defect.fails + Math.random().toString(36).slice(2, 8));
    await cp('examples/backend-node', dir, { recursive: true });
    for (const [file, from, to] of defect.edits) {
      const text = await readFile(join(dir, file), 'utf8');
      assert.equal(text.split(from).length, 2, `${file} has "${from}" exactly once`);
      await writeFile(join(dir, file), text.replace(from, () => to));
    }
    const { url, child } = await example(dir);
    try {
      // The slow-SEEK-Pass check waits out a timeout: only where it is the defect's check.
      const args = defect.args ?? (defect.fails === 'mock.slow' ? [] : ['--skip', 'mock.slow']);
      const { code, report } = await certify(url, ...args, ...await linkArgs(url, false));
      assert.equal(code, 1);
      const failed = report.checks.find((c) => c.id === defect.fails);
      assert.equal(failed?.result, 'fail', `${defect.fails} did not fail; failures: ${failures(report).join('; ')}`);
    } finally {
      child.kill();
    }
  });
}

test('outside this repository: --help, one-line setup errors (exit 2), TAP for CI', async () => {
  const dir = join(scratch, 'tool');
  await cp('scripts/conformance', dir, { recursive: true });
  const help = await run(['--help'], dir);
  assert.equal(help.code, 0);
  for (const option of ['--endpoint', '--status', '--type', '--ref', '--foreign-ref', '--cookie', '--other-cookie', '--mock', '--upstream-timeout', '--skip', '--slow', '--format', 'Examples']) {
    assert.match(help.out, new RegExp(option), option);
  }
  const port = await freePort();
  for (const [args, says] of [
    [[], /give one base URL/],
    [['not a url'], /is not a URL/],
    [[`http://127.0.0.1:${port}`], /nothing is listening there/],
    [[base, '--type', 'passport'], /not a credential type/],
    [[base, '--format', 'xml'], /text, json or tap/],
    [[base, '--bogus'], /Unknown option '--bogus'/],
    [[base, '--mock', `http://127.0.0.1:${port}`], /--mock .*nothing is listening/],
    [[base, '--sign-in', '/no-such-page'], /set no session cookie.*--cookie/],
  ]) {
    const r = await run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, says);
    assert.equal(r.err.trim().split('\n').length, 1, `one line, no stack trace: ${r.err}`);
  }
  const tap = await run([base, '--format', 'tap', '--skip', 'limits'], dir);
  assert.equal(tap.code, 0, tap.out);
  const lines = tap.out.trim().split('\n');
  assert.equal(lines[0], 'TAP version 13');
  const plan = Number(/^1\.\.(\d+)$/.exec(lines[1])[1]);
  assert.equal(lines.filter((l) => /^(not )?ok \d+ - /.test(l)).length, plan);
  assert.match(tap.out, /^ok \d+ - limits\.user: .* # SKIP --skip$/m);
});
