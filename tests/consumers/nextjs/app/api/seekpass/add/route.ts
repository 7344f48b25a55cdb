// The app's backend as a Next.js route handler, answering contract v1 in JSON and form mode.
// A test fixture: it answers the SEEK Pass docs' sample link for the known references; a real
// backend calls SEEK Pass as docs/partner-backend.md says (examples/backend-node does).
const LINK = 'https://app.seekpass-staging.com/partner/add/education#clientId=730845ab-0a0d-4f4d-9c98-d871755d3ce9&documentType=open_cert&content=d8a8eb57-c64f-4fc1-b362-b8df28fbf0a3';

export async function POST(request: Request): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return Response.json({ error: { code: 'forbidden' } }, { status: 403, headers });
  const json = (request.headers.get('content-type') ?? '').startsWith('application/json');
  const fields: Record<string, unknown> = json ? await request.json() : Object.fromEntries(await request.formData());
  // The sample reference, and the containers page's (grad-2024-0043 to -0048).
  if (fields.credentialType !== 'education' || !/^grad-2024-004[2-8]$/.test(String(fields.credentialRef))) {
    return Response.json({ error: { code: 'not_found' } }, { status: 404, headers });
  }
  if (json) return Response.json({ redirect_uri: LINK }, { headers });
  // Form mode: a page of this origin that goes on by itself (a 303 would be refused by the page's
  // `form-action 'self'`); the link's `&` escaped for HTML.
  const href = LINK.replaceAll('&', '&amp;');
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${href}"><title>Opening SEEK Pass…</title><p><a href="${href}">Open SEEK Pass</a></p></html>`;
  return new Response(page, { headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'referrer-policy': 'no-referrer' } });
}
