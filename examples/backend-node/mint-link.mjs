// Mints an entry link for one person's credential and channel, as your results-email job or
// certificate printer would: prints the link on one line.
//   node examples/backend-node/mint-link.mjs --user learner-jane --type education \
//     --ref grad-2024-0042 --channel email [--ttl 90d] [--locale th]
// --refs a,b,… for a batch. Lifetimes: email 90d, sms 14d, print 10 years (it needs the sign-in).
import { parseArgs } from 'node:util';
import { PUBLIC_ORIGIN } from './config.mjs';
import { PREFIX, mint } from './links.mjs';
import { owned } from './seekpass.mjs';

const DAY = 86_400;
const TTL = { email: 90 * DAY, sms: 14 * DAY, print: 3650 * DAY };
const UNIT = { s: 1, m: 60, h: 3600, d: DAY };
try {
  const { values: o } = parseArgs({ options: Object.fromEntries(['user', 'type', 'ref', 'refs', 'channel', 'ttl', 'locale'].map((k) => [k, { type: 'string' }])) });
  if (!o.user || !o.type || !o.channel || Boolean(o.ref) === Boolean(o.refs)) throw new Error('--user, --type, --channel and one of --ref or --refs are required');
  if (!TTL[o.channel]) throw new Error('--channel must be email, print or sms');
  const ttl = o.ttl ? /^([1-9]\d*)([smhd])$/.exec(o.ttl) : null;
  if (o.ttl && !ttl) throw new Error('--ttl is a number and a unit: 90s, 15m, 12h or 30d');
  const refs = o.ref ? [o.ref] : o.refs.split(',').map((r) => r.trim());
  owned(o.user, refs); // the records must exist and be this user's, as the landing will check
  const expires = Math.floor(Date.now() / 1000) + (ttl ? Number(ttl[1]) * UNIT[ttl[2]] : TTL[o.channel]);
  console.log(`${PUBLIC_ORIGIN}${PREFIX}${mint({ channel: o.channel, expires, user: o.user, type: o.type, locale: o.locale ?? '', refs })}`);
} catch (e) {
  console.error(`mint-link: ${e.code === 'not_found' ? 'no such record for this user' : e.message}`);
  process.exit(2);
}
