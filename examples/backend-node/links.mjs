// Entry links for the results email, the printed certificate and the text message
// (docs/partner-backend.md §9): mint and check the signed handle, and the landing at /l/<handle>.
// GET and HEAD (what mail scanners send) only show a page; only a same-origin POST from it asks
// SEEK Pass, with the same id rule as the in-page button, so an old email keeps working after 48 h.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUTTON_ENVIRONMENT, LINK_KEY, REVOKED_LINKS, SIGN_IN_URL, root } from './config.mjs';
import { Refusal } from './guard.mjs';
import { escape, send } from './pages.mjs';
import { TYPES, owned } from './seekpass.mjs';

export const PREFIX = '/l/';
const CHANNELS = { e: 'email', p: 'print', s: 'sms' };
const TYPE_CODES = { education: 'e', english_proficiency: 'n', microcredential: 'm', digital_identity: 'i', batch: 'b', batch_microcredential: 'bm' };
const LOCALES = ['en', 'id', 'th', 'ms', 'zh-HK'];
const ID = /^(?!\.+$)[A-Za-z0-9._:-]{1,128}$/;
const sign = (body) => createHmac('sha256', LINK_KEY).update(body).digest().subarray(0, 16).toString('base64url');

/** The handle of `{ channel: 'email'|'print'|'sms', expires (Unix s), user, type, locale?, refs }`. */
export function mint({ channel, expires, user, type, locale = '', refs }) {
  const code = Object.keys(CHANNELS).find((c) => CHANNELS[c] === channel);
  const single = type !== 'batch' && type !== 'batch_microcredential';
  const ok = code && TYPE_CODES[type] && Number.isSafeInteger(expires) && expires > 0 && ID.test(user) && (locale === '' || LOCALES.includes(locale))
    && refs.length >= 1 && (single ? refs.length === 1 : refs.length <= 10) && refs.every((r) => ID.test(r));
  if (!ok) throw new TypeError('not a mintable link: ids are 1-128 of A-Z a-z 0-9 . _ : -');
  const body = ['1', code, String(expires), user, TYPE_CODES[type], locale, ...refs].join('~');
  return `${body}~${sign(body)}`;
}

/** The claims of `handle`, or `{ refused: 'invalid' | 'expired' }`; expiry is judged only once the signature holds. */
export function verify(handle, now = Math.floor(Date.now() / 1000)) {
  const cut = handle.lastIndexOf('~');
  const [body, sig] = [handle.slice(0, cut), handle.slice(cut + 1)];
  const good = Buffer.from(sign(body));
  if (cut < 0 || sig.length !== good.length || !timingSafeEqual(Buffer.from(sig), good)) return { refused: 'invalid' };
  const [version, code, expires, user, typeCode, locale, ...refs] = body.split('~');
  const type = Object.keys(TYPE_CODES).find((t) => TYPE_CODES[t] === typeCode);
  const claims = { channel: CHANNELS[code], expires: Number(expires), user, type, locale, refs };
  try {
    if (version !== '1' || !/^[1-9]\d*$/.test(expires ?? '') || mint(claims) !== handle) return { refused: 'invalid' };
  } catch { return { refused: 'invalid' }; }
  // The sender's chosen language is known once the signature held: the refusal page uses it.
  return now > claims.expires ? { refused: 'expired', locale: claims.locale } : { claims };
}

// Revoked link ids (a link's id is its signature), re-read when the file changes; an unreadable
// file refuses every link.
let revoked = { stamp: null, ids: new Set() };
function isRevoked(handle) {
  if (!REVOKED_LINKS) return false;
  let stat;
  try { stat = statSync(REVOKED_LINKS); } catch (e) { return e.code !== 'ENOENT'; }
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  if (stamp !== revoked.stamp) {
    try { revoked = { stamp, ids: new Set(readFileSync(REVOKED_LINKS, 'utf8').split('\n').map((l) => l.trim())) }; } catch { return true; }
  }
  return revoked.ids.has(handle.slice(handle.lastIndexOf('~') + 1));
}

/** The claims and records of a live link; a Refusal (404 or 410) otherwise. */
export function hold(handle) {
  const { claims, refused, locale } = verify(handle);
  if (refused === 'expired' || (claims && isRevoked(handle))) throw Object.assign(new Refusal(410, 'gone'), { locale: locale ?? claims?.locale });
  if (!claims || !TYPES[claims.type]) throw new Refusal(404, 'not_found');
  return { claims, records: owned(claims.user, claims.refs) };
}

// What the landing says, in the button's five languages.
const TEXTS = {
  en: ['SEEK Pass will ask you to sign in, then to accept the credential.', 'Sign in to add this credential to SEEK Pass.', 'Sign in', 'This link doesn’t work', 'Check that you copied the whole link, or ask the sender for a new one.', 'This link has expired', 'Ask the sender for a new link.', 'Your verified identity'],
  id: ['SEEK Pass akan meminta Anda masuk, lalu menerima kredensial ini.', 'Masuk untuk menambahkan kredensial ini ke SEEK Pass.', 'Masuk', 'Tautan ini tidak berfungsi', 'Pastikan Anda menyalin seluruh tautan, atau minta tautan baru kepada pengirim.', 'Tautan ini sudah kedaluwarsa', 'Minta tautan baru kepada pengirim.', 'Identitas Anda yang terverifikasi'],
  th: ['SEEK Pass จะให้คุณเข้าสู่ระบบ แล้วจึงยอมรับข้อมูลรับรองนี้', 'เข้าสู่ระบบเพื่อเพิ่มข้อมูลรับรองนี้ลงใน SEEK Pass', 'เข้าสู่ระบบ', 'ลิงก์นี้ใช้ไม่ได้', 'ตรวจสอบว่าคัดลอกลิงก์มาครบถ้วน หรือขอลิงก์ใหม่จากผู้ส่ง', 'ลิงก์นี้หมดอายุแล้ว', 'ขอลิงก์ใหม่จากผู้ส่ง', 'ตัวตนที่ยืนยันแล้วของคุณ'],
  ms: ['SEEK Pass akan meminta anda log masuk, kemudian menerima kelayakan ini.', 'Log masuk untuk menambah kelayakan ini ke SEEK Pass.', 'Log masuk', 'Pautan ini tidak berfungsi', 'Pastikan anda menyalin keseluruhan pautan, atau minta pautan baharu daripada pengirim.', 'Pautan ini telah tamat tempoh', 'Minta pautan baharu daripada pengirim.', 'Identiti anda yang disahkan'],
  'zh-HK': ['SEEK Pass 會請你登入，然後接受這項憑證。', '登入以將這項憑證加入 SEEK Pass。', '登入', '此連結無法使用', '請確認已複製完整連結，或向寄件人索取新連結。', '此連結已過期', '請向寄件人索取新連結。', '你的已驗證身份'],
};
/** The link's language, else the browser's first, else English. */
export function language(claims, req) {
  const asked = (req.headers['accept-language'] ?? '').split(/[,;]/)[0].trim().toLowerCase();
  const fromBrowser = asked.startsWith('zh') ? 'zh-HK' : LOCALES.find((l) => l === asked.split('-')[0]);
  return claims?.locale || fromBrowser || 'en';
}

// Only what anyone may see: mail scanners keep copies of this page. Never a name, score or date.
const publicTitle = (r, t) => ({
  education: () => `${r.credential.course_name}, ${r.credential.education_provider}`,
  english_proficiency: () => `${r.credential.test_name}, ${r.credential.test_provider}`,
  microcredential: () => `${r.credential.microcredential_name}, ${r.credential.issuer_name}`,
}[r.credential_type]?.() ?? t[7]);

function page(res, status, lang, title, body, head = '') {
  send(res, status, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title>${head}</head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`, {
    'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex',
    'content-security-policy': "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  });
}

/** A refused link's page (404 not ours, 410 expired or revoked), in the sender's chosen language or the browser's. */
export function refusedPage(req, res, e) {
  const lang = e.locale || language(null, req);
  const t = TEXTS[lang];
  const [title, text] = e.status === 410 ? [t[5], t[6]] : [t[3], t[4]];
  page(res, e.status, lang, title, `<p>${escape(text)}</p>`);
}

/** The landing: the button (posting back here), or for a printed link without its owner signed in, the way to sign in. */
export async function landingPage(req, res, handle, { claims, records }, signedIn) {
  const lang = language(claims, req);
  const t = TEXTS[lang];
  const titles = records.map((r) => publicTitle(r, t));
  const title = titles.length === 1 ? titles[0] : t[1];
  const list = titles.length > 1 ? `<ul>${titles.map((x) => `<li>${escape(x)}</li>`).join('')}</ul>` : '';
  console.log(`link view ${claims.channel}`); // views far above confirmations: scanners at work
  if (claims.channel === 'print' && !signedIn) {
    const next = encodeURIComponent(`${PREFIX}${handle}`);
    const href = `${SIGN_IN_URL}${SIGN_IN_URL.includes('?') ? '&' : '?'}next=${next}`;
    return page(res, 200, lang, title, `${list}<p>${escape(t[1])}</p><p><a href="${escape(href)}">${escape(t[2])}</a></p>`);
  }
  const { renderButtonHtml } = await import(join(root, 'dist/npm/html.js'));
  const single = claims.refs.length === 1 && claims.type !== 'batch';
  const button = renderButtonHtml({ endpoint: `${PREFIX}${handle}`, environment: BUTTON_ENVIRONMENT, credentialType: claims.type, ...(single ? { credentialRef: claims.refs[0] } : { credentialRefs: claims.refs }), locale: lang });
  const head = '<link rel="stylesheet" href="/seekpass/latest/seekpass-button.css"><script type="module" src="/seekpass/latest/seekpass-button.js"></script>';
  page(res, 200, lang, title, `${list}${button}<p>${escape(t[0])}</p>`, head);
}
