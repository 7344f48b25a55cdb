// Defective partner backends, each the Node example with one defect the outside review of v0.3
// found in a backend that passed the old check (threats.md item 82 (a)–(g), and the items it
// listed as unchecked), or that the example itself once had (items 53, 57, 61, 71, 78–81).
// Each is a set of exact replacements in examples/backend-node; a replacement that no longer
// matches exactly once fails the test, so the table cannot drift from the example silently.
// `fails` names a check that must fail; `args` adds options to that run.

export default [
  { name: '(a) same-site fetch metadata accepted in both modes', fails: 'csrf.same-site', edits: [
    ['guard.mjs', "return (site === undefined || site === 'same-origin') &&", "return (site === undefined || site !== 'cross-site') &&"],
    ['guard.mjs', "if (site !== undefined) return site === 'same-origin';", "if (site !== undefined) return site !== 'cross-site';"]] },
  { name: '(b) a form post with no Origin, or Origin: null, accepted', fails: 'form.no-origin', edits: [
    ['guard.mjs', 'return req.headers.origin === PUBLIC_ORIGIN;', "return !req.headers.origin || req.headers.origin === 'null' || req.headers.origin === PUBLIC_ORIGIN;"]] },
  { name: '(c) the id leaves out endpoint and type (item 61)', fails: 'add.batch-of-one', edits: [
    ['seekpass.mjs', 'JSON.stringify([TYPES[type].path, type, who, refs])', 'JSON.stringify([who, refs])']] },
  { name: "(d) SEEK Pass's link forwarded unchecked", fails: 'mock.link.foreign-host', edits: [
    ['seekpass.mjs', 'return checked(body.redirect_uri, type);', 'return body.redirect_uri;']] },
  { name: '(e) another user\'s record answered 403, a missing one 404', fails: 'status.oracle', edits: [
    ['seekpass.mjs', "if (!r || r.owner !== who) throw new Refusal(404, 'not_found');", "if (!r) throw new Refusal(404, 'not_found'); if (r.owner !== who) throw new Refusal(403, 'forbidden');"]] },
  { name: '(f) the failure page reflects the reference raw', fails: 'form.escaped', edits: [
    ['pages.mjs', '<p role="alert">${text}</p>', '<p role="alert">${text} ${form?.get(\'credentialRef\') ?? \'\'}</p>']] },
  { name: '(g) GET add answered with a link', fails: 'method.get', edits: [
    ['server.mjs', "  if (req.method === 'GET' && url.pathname.startsWith('/seekpass/'))", "  if (req.method === 'GET' && url.pathname === ENDPOINT) return continuePage(res, await addLink(user(req), url.searchParams.get('credentialType'), [url.searchParams.get('credentialRef')]));\n  if (req.method === 'GET' && url.pathname.startsWith('/seekpass/'))"]] },
  { name: '(g) the session cookie SameSite=Lax', fails: 'session.cookie', edits: [
    ['guard.mjs', 'HttpOnly; SameSite=Strict;', 'HttpOnly; SameSite=Lax;']] },
  { name: 'the session cookie readable by scripts (no HttpOnly)', fails: 'session.cookie', edits: [
    ['guard.mjs', 'HttpOnly; SameSite=Strict;', 'SameSite=Strict;']] },
  { name: 'the first session cookie wins (item 57)', fails: 'session.tossed', edits: [
    ['guard.mjs', 'return users.size === 1 ? [...users][0] : null;', 'return users.size ? [...users][0] : null;']] },
  { name: 'no rate limit (items 71, 79)', fails: 'limits.user', edits: [
    ['guard.mjs', "const wait = perUser(who) || perAddress(req.socket.remoteAddress ?? '');", 'const wait = 0;']] },
  { name: 'anonymous requests spend the address limit (item 78)', fails: 'limits.anonymous', edits: [
    ['guard.mjs', 'const who = user(req);\n  if (!who)', "const early = limits[endpoint][1](req.socket.remoteAddress ?? '');\n  if (early) throw new Refusal(429, 'rate_limited', early);\n  const who = user(req);\n  if (!who)"]] },
  { name: 'the form mode\'s 429 page without Retry-After', fails: 'limits.user', edits: [
    ['pages.mjs', "if (e.retryAfter) extra['retry-after'] = String(e.retryAfter);", '']] },
  { name: 'batch items share the batch\'s id (item 56)', fails: 'add.batch-of-one', edits: [
    ['seekpass.mjs', 'const item = { credential_id: `${id}-${r.credential_type}-${n + 1}`,', 'const item = { credential_id: id,']] },
  { name: 'a form field sent twice: the last one taken', fails: 'form.duplicate-field', edits: [
    ['server.mjs', "form.getAll(k).length > 1 ? null : form.get(k) ?? undefined", "form.getAll(k).length > 1 ? form.getAll(k).pop() : form.get(k) ?? undefined"]] },
  { name: 'unknown form fields accepted', fails: 'form.unknown-field', edits: [
    ['server.mjs', "if ([...form.keys()].some((k) => !FIELDS.has(k)) || [single(", "if ([single("]] },
  { name: 'the form mode\'s 401 answered as JSON', fails: 'form.not-signed-in', edits: [
    ['server.mjs', '    if (!(e instanceof Refusal)) throw e;\n    failurePage(', '    if (!(e instanceof Refusal) || e.status === 401) throw e;\n    failurePage(']] },
  { name: 'a CORS preflight granted', fails: 'cors.preflight', edits: [
    ['server.mjs', "  if (req.method === 'GET' && url.pathname === '/')", "  if (req.method === 'OPTIONS') { res.writeHead(204, { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true', 'access-control-allow-headers': 'content-type, x-seekpass-widget' }); return res.end(); }\n  if (req.method === 'GET' && url.pathname === '/')"]] },
  { name: 'pages that can be framed', fails: 'form.continue', edits: [
    ['pages.mjs', "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; ${csp}", "default-src 'none'; base-uri 'none'; ${csp}"]] },
  { name: 'a malformed escape in the status path is a 500 (item 81)', fails: 'status.bad-escape', edits: [
    ['server.mjs', "try { parts = path.split('/').map(decodeURIComponent); } catch { throw new Refusal(400, 'bad_request'); }", "parts = path.split('/').map(decodeURIComponent);"]] },
  { name: 'a link with a user part accepted (item 81)', fails: 'mock.link.userinfo', edits: [
    ['seekpass.mjs', 'link.username || link.password || ', '']] },
  { name: 'SEEK Pass\'s 429 passed on as a rejection', fails: 'mock.throttled', edits: [
    ['seekpass.mjs', "    if (r.status === 429) throw new Refusal(429, 'rate_limited', Math.max(1, Number(r.headers.get('retry-after')) || 30));\n", '']] },
  { name: 'no token single flight (items 55, 80)', fails: 'mock.token-single-flight', edits: [
    ['seekpass.mjs', '  if (hit?.pending) return hit.pending;\n', '']] },
  { name: 'no refresh after SEEK Pass refuses a token', fails: 'mock.token-expired', edits: [
    ['seekpass.mjs', "if (r.status === 401 && attempt === 0) { stale = bearer; continue; }", '']] },
  { name: 'slow clients held (items 53, 81)', fails: 'slow.headers', args: ['--slow', '--skip', 'contract,form,status,batch,mock,limits,slow.body'], edits: [
    ['server.mjs', 'createServer(timeouts, ', 'createServer({ headersTimeout: 0, requestTimeout: 0 }, ']] },
  // Entry links (issue 26): each defect a landing that a partner could plausibly ship.
  { name: 'the landing confirms on GET (a mail scanner spends it)', fails: 'links.scanner', edits: [
    ['server.mjs', '  return landingPage(req, res, handle, held,', '  await addLink(held.claims.user, held.claims.type, held.claims.refs);\n  return landingPage(req, res, handle, held,']] },
  { name: 'the landing cacheable', fails: 'links.scanner', edits: [
    ['links.mjs', "'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer',", "'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer', 'cache-control': 'max-age=600',"]] },
  { name: 'the link\'s signature not checked', fails: 'links.tampered', edits: [
    ['links.mjs', "if (cut < 0 || sig.length !== good.length || !timingSafeEqual(Buffer.from(sig), good)) return { refused: 'invalid' };", "if (cut < 0 || sig.length !== good.length) return { refused: 'invalid' };"],
    ['links.mjs', 'mint(claims) !== handle', 'mint(claims).slice(0, cut) !== body']] },
  { name: 'the link\'s expiry ignored', fails: 'links.expired', edits: [
    ['links.mjs', "return now > claims.expires ? { refused: 'expired', locale: claims.locale } : { claims };", 'return { claims };']] },
  { name: 'the landing accepts a cross-site form post', fails: 'links.cross-site', edits: [
    ['server.mjs', 'if (!(isForm ? formAllowed(req) : jsonAllowed(req)))', 'if (!isForm && !jsonAllowed(req))']] },
  { name: 'the learner\'s name on the landing', fails: 'links.private', edits: [
    ['links.mjs', 'education: () => `${r.credential.course_name}', 'education: () => `${r.credential.full_name}: ${r.credential.course_name}']] },
  { name: 'a printed link confirmed without the sign-in', fails: 'links.print', edits: [
    ['server.mjs', "if (claims.channel === 'print' && user(req) !== claims.user)", 'if (false)']] },
];
