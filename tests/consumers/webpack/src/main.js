import { defineSeekPassButton } from 'seekpass-button';

defineSeekPassButton();
const button = document.createElement('seek-pass-button');
for (const [k, v] of Object.entries({
  endpoint: '/api/seekpass/add', 'credential-type': 'education', 'credential-ref': 'grad-2024-0042', environment: 'staging',
})) button.setAttribute(k, v);
document.body.append(button);
