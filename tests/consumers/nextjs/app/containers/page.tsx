// The button where partners really put it (issue 24): inside a paragraph, a span, a label, a
// table cell and the partner's own form, each a different credential, in a server component.
// With JavaScript off each posts its own form; the HTML parser moves nothing (no hydration error).
import Link from 'next/link';
import { SeekPassButton } from 'seekpass-button/react';
import { Switcher } from './switcher';

const button = (ref: string) => (
  <SeekPassButton endpoint="/api/seekpass/add" credentialType="education" credentialRef={ref} environment="staging" />
);

export default function Containers() {
  return (
    <>
      <h1>Your credentials</h1>
      <p id="in-p">Your degree is ready: {button('grad-2024-0042')} add it now.</p>
      <p><span id="in-span">Your transcript {button('grad-2024-0043')}</span></p>
      <label id="in-label">Your honours year {button('grad-2024-0044')}</label>
      <table>
        <tbody>
          <tr><td>Diploma</td><td id="in-td">{button('grad-2024-0045')}</td></tr>
        </tbody>
      </table>
      <form id="in-form" method="post" action="/api/partner-form">
        <input name="partnerField" defaultValue="profile" aria-label="Profile" />
        {button('grad-2024-0046')}
        <button type="submit">Save profile</button>
      </form>
      <Switcher />
      <p><Link href="/">Home</Link></p>
    </>
  );
}
