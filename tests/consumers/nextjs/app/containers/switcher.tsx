'use client';
// A prop change: the button sends the credential it now shows, not the one it was rendered with.
import { useState } from 'react';
import { SeekPassButton } from 'seekpass-button/react';

export function Switcher() {
  const [ref, setRef] = useState('grad-2024-0047');
  return (
    <div id="switch">
      <p id="shown">{ref}</p>
      <button type="button" onClick={() => setRef('grad-2024-0048')}>Show the next credential</button>
      <SeekPassButton endpoint="/api/seekpass/add" credentialType="education" credentialRef={ref} environment="staging" />
    </div>
  );
}
