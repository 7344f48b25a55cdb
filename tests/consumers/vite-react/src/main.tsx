// The README's React recipe in a real app: one type-only import, define once, use the tag.
import type {} from 'seekpass-button/react';
import { defineSeekPassButton } from 'seekpass-button';
import { createRoot } from 'react-dom/client';

defineSeekPassButton();

export const AddToSeekPass = ({ reference }: { reference: string }) => (
  <seek-pass-button endpoint="/api/seekpass/add" credential-type="education" credential-ref={reference}
    environment="staging" onseekpass:error={(e) => console.info(e.detail.code)} />
);

const root = document.getElementById('root');
if (root) createRoot(root).render(<AddToSeekPass reference="grad-2024-0042" />);
