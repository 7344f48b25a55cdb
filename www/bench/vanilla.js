// The floor for the benchmark: a hand-written button doing the same call and navigation as the
// widget, with no validation, no retries, no states and no safety.
const button = document.getElementById('vanilla');
button.addEventListener('click', async () => {
  button.disabled = true;
  const response = await fetch('/api/seekpass/add', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-SEEKPass-Widget': 'vanilla' },
    body: JSON.stringify({ credentialType: 'education', credentialRef: 'grad-2024-0042' }),
  });
  const { redirect_uri: url } = await response.json();
  location.assign(url);
});
button.disabled = false;
document.dispatchEvent(new Event('vanilla:ready'));
