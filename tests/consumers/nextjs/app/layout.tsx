// The root layout (a server component): the button's stylesheet, so the server-rendered form
// already looks like the final button.
import 'seekpass-button/seekpass-button.css';
import type { ReactNode } from 'react';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
