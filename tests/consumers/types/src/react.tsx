// The React recipe of the README, type-checked: attributes, ref and typed event props.
import type {} from 'seekpass-button/react';
import { useRef } from 'react';
import type { SeekPassButtonElement } from 'seekpass-button';

export function AddToSeekPass({ reference }: { reference: string }) {
  const ref = useRef<SeekPassButtonElement>(null);
  return (
    <seek-pass-button
      ref={ref}
      endpoint="/api/seekpass/add"
      status-endpoint="/api/seekpass/status"
      credential-type="education"
      credential-ref={reference}
      environment="staging"
      variant="dark"
      onseekpass:error={(e) => console.info(e.detail.code, e.detail.retryable)}
      onseekpass:status={(e) => console.info(e.detail.status === 'verified')}
    />
  );
}

export function Wrong() {
  // @ts-expect-error: not a credential type
  return <seek-pass-button endpoint="/api/seekpass/add" credential-type="diploma" credential-ref="x" />;
}

export function WrongEvent() {
  // @ts-expect-error: the error detail has no `message`
  return <seek-pass-button credential-type="education" onseekpass:error={(e) => e.detail.message} />;
}
