// A server component using the component directly: no callbacks, the markup rendered on the
// server (a working form before hydration), the element defined in the browser.
import Link from 'next/link';
import { SeekPassButton } from 'seekpass-button/react';

export default function Home() {
  return (
    <>
      <h1>Your degree</h1>
      <SeekPassButton endpoint="/api/seekpass/add" credentialType="education" credentialRef="grad-2024-0042" environment="staging" />
      <p><Link href="/client">With callbacks</Link></p>
      <p><Link href="/containers">In containers</Link></p>
    </>
  );
}
