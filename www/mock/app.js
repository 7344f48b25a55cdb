// The mock SEEK Pass app page: reads the fragment (never sent to any server) and lets the
// demo user finish or cancel the submission, which the status API then reports.
const params = new URLSearchParams(location.hash.slice(1));
const type = location.pathname.replace('/partner/add/', '');
const show = (id, text) => { document.getElementById(id).textContent = text || '—'; };
show('type', type);
show('client', params.get('clientId'));
show('doc', params.get('documentType') ?? (type.startsWith('batch') ? '(batch: none)' : ''));
show('content', params.get('content'));
document.documentElement.dataset.received = JSON.stringify({ type, keys: [...params.keys()] });

async function finish(accept) {
  const res = await fetch('/mock/app/finish', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ content: params.get('content'), accept }),
  });
  const outcome = res.ok ? (await res.json()).status : `error ${res.status}`;
  show('outcome', outcome === 'verified' ? 'Added to your SEEK Pass wallet.' : `Submission ${outcome}.`);
  for (const b of document.querySelectorAll('.actions button')) b.disabled = true;
}
document.getElementById('accept').addEventListener('click', () => finish(true));
document.getElementById('cancel').addEventListener('click', () => finish(false));
