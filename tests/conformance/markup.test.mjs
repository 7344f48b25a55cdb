// The Python markup helper (examples/backend-python/seekpass_button.py) renders exactly what
// `renderButtonHtml` renders, for options that exercise every branch; its data file is what
// scripts/python-markup-data.mjs generates from the current js/generated.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { renderButtonHtml } from '../../js/html.js';

const CASES = [
  [{ credentialType: 'education', credentialRef: 'grad-2024-0042' }, { credential_type: 'education', credential_ref: 'grad-2024-0042' }],
  [{ credentialType: 'batch', credentialRefs: 'a-1, b-2 c-3', environment: 'staging', variant: 'dark', size: 'large', fullWidth: true, locale: 'zh-Hant-HK', statusEndpoint: '/api/seekpass/status', ariaLabel: 'Add "all" <credentials>', ariaDescribedBy: 'title-1' },
    { credential_type: 'batch', credential_refs: 'a-1, b-2 c-3', environment: 'staging', variant: 'dark', size: 'large', full_width: true, locale: 'zh-Hant-HK', status_endpoint: '/api/seekpass/status', aria_label: 'Add "all" <credentials>', aria_described_by: 'title-1' }],
  [{ endpoint: '/partner/add?x=1&y=2', credentialType: 'microcredential', credentialRef: "o'brien", target: 'new-tab', disabled: true, debug: false, locale: 'th', clientId: 'c-1' },
    { endpoint: '/partner/add?x=1&y=2', credential_type: 'microcredential', credential_ref: "o'brien", target: 'new-tab', disabled: true, debug: false, locale: 'th', client_id: 'c-1' }],
  [{ credentialType: 'english_proficiency', credentialRefs: ['e-1', 'e-2'], locale: 'id_ID' }, { credential_type: 'english_proficiency', credential_refs: ['e-1', 'e-2'], locale: 'id_ID' }],
];

const python = (code, input) => execFileSync('../../target/python-venv/bin/python', ['-c', code],
  { cwd: 'examples/backend-python', env: { ...process.env, INPUT: JSON.stringify(input) }, encoding: 'utf8' });

test('the data file is current with js/generated.js', () => {
  execFileSync('node', ['scripts/python-markup-data.mjs', '--check']);
});

test('Python renders the same markup as renderButtonHtml', () => {
  const out = JSON.parse(python('import json, os\nfrom seekpass_button import render_button_html\n'
    + 'print(json.dumps([render_button_html(**o) for o in json.loads(os.environ["INPUT"])]))', CASES.map(([, py]) => py)));
  CASES.forEach(([js], i) => assert.equal(out[i], renderButtonHtml(js), JSON.stringify(js)));
});

test('Python refuses an endpoint that is not a same-origin path, and an unknown option', () => {
  const out = python('import json, os\nfrom seekpass_button import render_button_html\nr = []\n'
    + 'for o in json.loads(os.environ["INPUT"]):\n    try:\n        render_button_html(**o); r.append("ok")\n'
    + '    except (ValueError, TypeError) as e:\n        r.append(type(e).__name__)\nprint(json.dumps(r))',
  [{ endpoint: '//evil.example/add' }, { endpoint: 'javascript:alert(1)' }, { status_endpoint: '/\\evil' }, { credentialType: 'education' }, {}]);
  assert.deepEqual(JSON.parse(out), ['ValueError', 'ValueError', 'ValueError', 'TypeError', 'ok']);
});
