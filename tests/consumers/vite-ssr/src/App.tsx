import type {} from 'seekpass-button/react';
import { renderButtonHtml } from 'seekpass-button/html';

// The button's markup is rendered on the server as a working form (contract v1's form mode), so
// the server-rendered page is clickable before hydration; the element upgrades it afterwards.
export const App = ({ reference }: { reference: string }) => (
  <main>
    <h1>Your credential</h1>
    <div className="seekpass" dangerouslySetInnerHTML={{
      __html: renderButtonHtml({
        endpoint: '/api/seekpass/add', credentialType: 'education', credentialRef: reference, environment: 'staging',
      }),
    }} />
  </main>
);
