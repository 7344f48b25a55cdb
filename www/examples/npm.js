// How an npm user mounts the button: import (no side effects), define, then create elements.
import { defineSeekPassButton, version } from '/dist/npm/index.js';

defineSeekPassButton();
const button = document.createElement('seek-pass-button');
Object.assign(button, {
  endpoint: '/api/seekpass/add',
  credentialType: 'english_proficiency',
  credentialRef: 'ielts-2025-0311',
  environment: 'staging',
  variant: 'light',
});
document.getElementById('mount-point').append(button);
document.documentElement.dataset.widgetVersion = version;
