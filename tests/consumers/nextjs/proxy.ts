// The app's Content-Security-Policy, as a partner with a strict policy sets it (Next.js needs a
// nonce per request for its inline scripts): the README's policy with that nonce, and
// `form-action 'self'` (the button's form posts here; the answer goes on to SEEK Pass by itself).
// The README's Trusted Types directives are sent report-only: Turbopack's chunk loader assigns
// `script.src` without a policy, so enforcing them stops Next.js itself; the e2e test checks that
// every report is Next.js's (the button parses no HTML and creates no policy).
import { NextResponse, type NextRequest } from 'next/server';

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'`,
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  response.headers.set('content-security-policy-report-only', "require-trusted-types-for 'script'; trusted-types 'none'");
  return response;
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
