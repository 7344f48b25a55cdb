// The root layout (a server component): the button's stylesheet, so the server-rendered form
// already looks like the final button.
import 'seekpass-button/seekpass-button.css';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';

// Rendered per request: the CSP's nonce (proxy.ts) is new each time.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await headers();
  return (
    <html lang="en">
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
