import type {} from 'seekpass-button/react';

export const App = ({ reference }: { reference: string }) => (
  <main>
    <h1>Your credential</h1>
    <seek-pass-button endpoint="/api/seekpass/add" credential-type="education" credential-ref={reference}
      environment="staging" />
  </main>
);
