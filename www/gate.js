// Gate demo: runs the exported gate on what the user pastes and shows the verdict.
import init, { checkRedirect, widgetVersion } from '/pkg/seekpass_button.js';

const form = document.getElementById('gate-form');
const verdict = document.getElementById('verdict');
const button = document.getElementById('check');

function show(result) {
  verdict.className = result.accepted ? 'accepted' : 'rejected';
  verdict.textContent = result.accepted
    ? `accepted: ${result.credentialType}`
    : `rejected: ${result.code}${result.reason ? ` (${result.reason})` : ''}`;
}

try {
  await init();
  document.getElementById('version').textContent = widgetVersion();
  button.disabled = false;
  document.documentElement.dataset.ready = 'true';
} catch {
  verdict.className = 'rejected';
  verdict.textContent = 'rejected: wasm_unavailable';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  show(checkRedirect(form.redirect.value, form.environment.value));
});
