import { defineSeekPassButton, autoMount } from 'seekpass-button';

defineSeekPassButton();
autoMount({ endpoints: ['/api/credentials/add'] });
const button = document.createElement('seek-pass-button');
button.credentialType = 'batch';
button.credentialRefs = ['a', 'b'];
button.addEventListener('seekpass:error', (e) => console.info(e.detail.code));
// @ts-expect-error: not a credential type
button.credentialType = 'diploma';
