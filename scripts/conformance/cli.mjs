#!/usr/bin/env node
// seekpass-conformance: certifies a partner backend against contract v1, the way the button, a
// browser and an attacker's page would use it. No dependencies; Node.js 20 or later. The link a
// backend answers is a capability: compared, never printed.
import { parseArgs } from 'node:util';
import contract from './contract.mjs';
import { formChecks, statusChecks } from './form.mjs';
import { SetupError, makeClient, mockClient, signIn } from './http.mjs';
import limits from './limits.mjs';
import links from './links.mjs';
import mock from './mock.mjs';
import { report } from './report.mjs';

const HELP = `seekpass-conformance <base URL> [options]

Certifies the backend at <base URL> (the origin your pages and the button's endpoint are on)
against the SEEK Pass button's contract v1: the JSON add and its form mode, the status lookup,
CSRF and CORS refusals, sessions, error answers, rate limits, and (with --mock) what the backend
does when SEEK Pass misbehaves. Exit 0: every check passed; 1: a check failed; 2: a setup mistake.

Where things are
  --endpoint PATH        the add endpoint (default /api/seekpass/add)
  --status PATH|none     the status endpoint, or none if you have none (default /api/seekpass/status)

Whose credentials
  --type TYPE            the credential type to add (default education; education,
                         english_proficiency, microcredential, digital_identity)
  --ref REF              a reference the signed-in user owns (default grad-2024-0042)
  --foreign-ref REF      a reference another user owns (default grad-2023-0107)
  --cookie 'NAME=VALUE'  the signed-in user's session; default: the cookie GET --sign-in sets
  --sign-in PATH         a page that signs the user in, for a demo backend (default /)
  --other-cookie 'N=V'   a session of the user who owns --foreign-ref; default: the cookie GET
  --other-sign-in PATH   sets (default /?learner=learner-raj); without one, the checks that
                         need two users are skipped

SEEK Pass misbehaving (point your backend at the mock first: \`npm start\`)
  --mock URL             the SEEK Pass mock your backend calls; runs the mock group
  --upstream-timeout S   your backend's timeout for a SEEK Pass call, in seconds (default 10)

Entry links (email, print, SMS: docs/partner-backend.md §9); the links group runs with --link
  --link URL             an email or SMS entry link your backend minted for the signed-in user's
                         credential (it is confirmed twice: use a test learner)
  --expired-link URL     a link of yours past its expiry (mint one that lives a second)
  --print-link URL       a printed link of the signed-in user's: refused without that sign-in
  --personal TEXT        text that must not be on a landing (the learner's name, a score);
                         repeat for each

What to run
  --skip LIST            groups or check ids to leave out, comma-separated (groups: contract,
                         form, status, batch, mock, links, limits, slow)
  --slow                 also run the slow-client group (about a minute)
  --format FORMAT        text (default), json, or tap (TAP 13, for CI)
  -h, --help             this text

The run sends about 40 adds as one user before the limits group: give that user at least 60 a
minute while you certify. The limits group runs last and leaves the user throttled for a while.

Examples
  npm run conformance -- http://127.0.0.1:3000
  npm run conformance -- http://127.0.0.1:3000 --mock http://127.0.0.1:8080 --format tap
  npm run conformance -- http://127.0.0.1:3000 --link "$(node mint-link.mjs …)" --personal "Jane Citizen"
  node cli.mjs https://staging.partner.example --cookie "session=…" --status none --skip limits
`;

const OPTIONS = {
  endpoint: { type: 'string', default: '/api/seekpass/add' },
  status: { type: 'string', default: '/api/seekpass/status' },
  type: { type: 'string', default: 'education' },
  ref: { type: 'string', default: 'grad-2024-0042' },
  'foreign-ref': { type: 'string', default: 'grad-2023-0107' },
  cookie: { type: 'string' },
  'sign-in': { type: 'string', default: '/' },
  'other-cookie': { type: 'string' },
  'other-sign-in': { type: 'string', default: '/?learner=learner-raj' },
  mock: { type: 'string' },
  'upstream-timeout': { type: 'string', default: '10' },
  skip: { type: 'string', default: '' },
  slow: { type: 'boolean', default: false },
  link: { type: 'string' },
  'expired-link': { type: 'string' },
  'print-link': { type: 'string' },
  personal: { type: 'string', multiple: true, default: [] },
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
};
const TYPES = ['education', 'english_proficiency', 'microcredential', 'digital_identity'];

/** The command line, checked; a mistake is a SetupError that says what to type instead. */
function options(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new SetupError(`${e.message.split('\n')[0].split('. To specify')[0]}. See --help`);
  }
  const { values: opt, positionals } = parsed;
  if (opt.help) return { help: true };
  if (positionals.length !== 1) throw new SetupError(`give one base URL (got ${positionals.length}), e.g. seekpass-conformance http://127.0.0.1:3000. See --help`);
  let base;
  try {
    base = new URL(positionals[0]);
  } catch {
    throw new SetupError(`${positionals[0]} is not a URL: give your backend's origin, e.g. http://127.0.0.1:3000`);
  }
  if (!['http:', 'https:'].includes(base.protocol)) throw new SetupError(`${base.protocol} is not http: or https:`);
  if (!TYPES.includes(opt.type)) throw new SetupError(`--type ${opt.type} is not a credential type: one of ${TYPES.join(', ')} (batches are checked with the batch group)`);
  if (!['text', 'json', 'tap'].includes(opt.format)) throw new SetupError(`--format ${opt.format}: text, json or tap`);
  if (!/^\d+$/.test(opt['upstream-timeout']) || Number(opt['upstream-timeout']) < 1) throw new SetupError('--upstream-timeout takes whole seconds, at least 1');
  for (const name of ['link', 'expired-link', 'print-link']) {
    if (opt[name] === undefined) continue;
    let url;
    try { url = new URL(opt[name]); } catch { throw new SetupError(`--${name} ${opt[name]} is not a URL: give the whole link your backend minted`); }
    if (url.origin !== base.origin) throw new SetupError(`--${name} is on ${url.origin}, not on ${base.origin}: entry links land on your backend`);
  }
  for (const [name, path] of [['endpoint', opt.endpoint], ['status', opt.status]]) {
    if (!(name === 'status' && path === 'none') && !path.startsWith('/')) throw new SetupError(`--${name} ${path}: a path on your backend, starting with /`);
  }
  return { opt, base };
}

/** Who the checks act as: the cookie given, or the one a sign-in page sets. */
async function sessions(opt, base) {
  const own = opt.cookie ? { cookie: opt.cookie, line: null } : await signIn(base, opt['sign-in']);
  let other = opt['other-cookie'] ?? null;
  if (!other) other = (await signIn(base, opt['other-sign-in']).catch(() => null))?.cookie ?? null;
  return { own: own.cookie, line: own.line, other: other !== own.cookie ? other : null };
}

async function main(argv) {
  const { help, opt, base } = options(argv);
  if (help) return process.stdout.write(HELP) && 0;
  const who = await sessions(opt, base);
  const ctx = {
    opt, base, own: who.own, cookieLine: who.line, otherCookie: who.other,
    c: makeClient(base, opt, who.own),
    mock: opt.mock ? await mockClient(opt.mock) : null,
    state: {},
  };
  const skip = new Set(opt.skip.split(',').map((s) => s.trim()).filter(Boolean));
  const why = (check) => {
    const { group } = check;
    if (skip.has(group) || skip.has(check.id)) return 'skip: --skip';
    if (group === 'status' && opt.status === 'none') return 'skip: --status none';
    if (group === 'mock' && !ctx.mock) return 'skip: needs --mock (your backend pointed at the mock)';
    if (group === 'slow' && !opt.slow) return 'skip: needs --slow';
    if (group === 'links' && !opt.link) return 'skip: needs --link (an entry link your backend minted)';
    return null;
  };
  const results = [];
  const tagged = (group, checks) => checks.map((c) => ({ group, ...c }));
  const all = [...tagged('contract', contract), ...tagged('form', formChecks), ...tagged('status', statusChecks), ...mock, ...links, ...limits];
  for (const check of all) {
    const skipped = why(check);
    if (skipped) { results.push({ id: check.id, title: check.title, result: 'skip', message: skipped.slice(6) }); continue; }
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    try {
      const note = await check.run(ctx);
      const skip = typeof note === 'string' && note.startsWith('skip: ');
      results.push({ id: check.id, title: check.title, result: skip ? 'skip' : 'pass', message: skip ? note.slice(6) : note ?? null, ms: ms() });
    } catch (e) {
      const message = e instanceof TypeError && e.cause ? `the request failed (${e.cause.code ?? e.cause.message})` : e.message;
      results.push({ id: check.id, title: check.title, result: 'fail', message, ms: ms() });
    }
  }
  process.stdout.write(report(results, opt.format, base.origin));
  return results.some((r) => r.result === 'fail') ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  if (!(e instanceof SetupError)) throw e;
  process.stderr.write(`seekpass-conformance: ${e.message}\n`);
  process.exitCode = 2;
});
