// The demo page in Firefox ESR, driven over WebDriver by selenium-webdriver and geckodriver
// (Playwright's own Firefox is not reachable here): load, click, land on the mock app page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBinary } from '../binary.mjs';
import { isMounted } from '../mounted.mjs';
import { execFileSync } from 'node:child_process';
import { Builder, By, until } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';

const which = (name) => { try { return execFileSync('which', [name]).toString().trim(); } catch { return null; } };
const FIREFOX = process.env.FIREFOX ?? which('firefox-esr') ?? which('firefox');
const GECKODRIVER = process.env.GECKODRIVER ?? which('geckodriver');

let server;
let base;
let driver;

before(async () => {
  ({ server, base } = await startBinary());
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless');
  driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
});

after(async () => {
  await driver?.quit();
  server?.kill();
});

/** The button inside `<seek-pass-button>` number `i`'s shadow root. */
async function shadowButton(i) {
  const hosts = await driver.findElements(By.css('seek-pass-button'));
  const root = await hosts[i].getShadowRoot();
  return root.findElement(By.css('button'));
}

test('Firefox ESR: the demo page renders the buttons, a click lands on the mock SEEK Pass app', async () => {
  assert.ok(FIREFOX && GECKODRIVER, 'firefox-esr and geckodriver are installed by scripts/setup.sh');
  await driver.get(`${base}/`);
  await driver.wait(async () => (await driver.findElements(By.css('seek-pass-button'))).length >= 6, 15000);
  // Ready when the wasm has mounted (tests/mounted.mjs), not when the form's button shows.
  await driver.wait(() => driver.executeScript(isMounted, 0), 15000);
  const label = await (await shadowButton(0)).getText();
  assert.equal(label, 'Add to SEEK Pass');
  await (await shadowButton(0)).click();
  await driver.wait(until.urlMatches(/\/partner\/add\/education#clientId=/), 15000);
  const url = new URL(await driver.getCurrentUrl());
  const params = new URLSearchParams(url.hash.slice(1));
  assert.deepEqual([...params.keys()], ['clientId', 'documentType', 'content']);
  await driver.wait(until.elementTextIs(await driver.findElement(By.id('type')), 'education'), 10000);
  assert.equal(await driver.findElement(By.id('content')).getText(), params.get('content'));
});

test('Firefox ESR with JavaScript off: the button is a form, a click lands on the mock SEEK Pass app', async () => {
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless')
    .setPreference('javascript.enabled', false);
  const plain = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER))
    .build();
  try {
    await plain.get(`${base}/`);
    // The form is in the element's declarative shadow root (parsed without any script).
    const root = await plain.findElement(By.css('seek-pass-button')).getShadowRoot();
    const button = await root.findElement(By.css('form button[type="submit"]'));
    assert.equal(await button.getText(), 'Add to SEEK Pass');
    await button.click();
    await plain.wait(until.urlMatches(/\/partner\/add\/education#clientId=/), 15000);
  } finally {
    await plain.quit();
  }
});
