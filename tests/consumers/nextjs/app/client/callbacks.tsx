'use client';
// A client component with callbacks, under StrictMode: each callback gets the event's typed
// detail, on the first server-rendered load as after client navigation.
import { StrictMode, useState } from 'react';
import { SeekPassButton } from 'seekpass-button/react';
import type { SeekPassErrorCode } from 'seekpass-button';

export function Callbacks() {
  const [log, setLog] = useState<string[]>([]);
  const add = (line: string) => setLog((lines) => [...lines, line]);
  return (
    <StrictMode>
      <SeekPassButton
        id="works"
        endpoint="/api/seekpass/add"
        credentialType="education"
        credentialRef="grad-2024-0042"
        environment="staging"
        onReady={(detail) => add(`ready ${detail.version}`)}
        onClick={(detail) => add(`click ${detail.credentialType}`)}
        onNavigate={(detail) => add(`navigate ${detail.credentialType}`)}
      />
      <SeekPassButton
        id="fails"
        endpoint="/api/seekpass/add"
        credentialType="education"
        credentialRef="no-such-ref"
        environment="staging"
        onError={(detail) => {
          const code: SeekPassErrorCode = detail.code;
          add(`error ${code}`);
        }}
      />
      <ol id="log">{log.map((line, i) => <li key={i}>{line}</li>)}</ol>
    </StrictMode>
  );
}
