// The demo in Safari's engine: WebKitGTK's MiniBrowser over WebDriver (Debian's webkit2gtk-driver;
// Playwright's WebKit build is not reachable here), under Xvfb (`xvfb-run`, MiniBrowser has no
// headless mode). Every page of the binary carries the strict CSP, so each click below is a
// strict-CSP page: same tab, new tab, and the plain form with the wasm refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Builder, By, until } from 'selenium-webdriver';
import { freePort, startBinary } from '../binary.mjs';
import { isMounted } from '../mounted.mjs';

const DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

let server;
let base;
let driverProcess;
let driver;

before(async () => {
  ({ server, base } = await startBinary());
  const port = await freePort();
  driverProcess = spawn(DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
    .build();
});

after(async () => {
  await driver?.quit();
  driverProcess?.kill();
  server?.kill();
});

/** The button inside `<seek-pass-button>` number `i`'s shadow root, once the wasm has mounted. */
async function mounted(i) {
  await driver.wait(() => driver.executeScript(isMounted, i), 15000);
  const hosts = await driver.findElements(By.css('seek-pass-button'));
  return (await hosts[i].getShadowRoot()).findElement(By.css('button'));
}

async function landed(d) {
  await d.wait(until.urlMatches(/\/partner\/add\/education#clientId=/), 15000);
  const params = new URLSearchParams(new URL(await d.getCurrentUrl()).hash.slice(1));
  assert.deepEqual([...params.keys()], ['clientId', 'documentType', 'content']);
  await d.wait(until.elementTextIs(await d.findElement(By.id('type')), 'education'), 10000);
}

test('WebKit: the demo renders the buttons, a click lands on the mock SEEK Pass app', async () => {
  const ua = await driver.executeScript('return navigator.userAgent');
  assert.match(ua, /AppleWebKit\/.*Safari\//);
  await driver.get(`${base}/`);
  const button = await mounted(0);
  assert.equal(await button.getText(), 'Add to SEEK Pass');
  await button.click();
  await landed(driver);
});

test('WebKit, new-tab mode: the tab opens inside the click and lands; the partner page stays', async () => {
  await driver.get(`${base}/`);
  await mounted(0);
  // WebDriver's script is not bound by the page's CSP: the partner's own code setting the mode.
  await driver.executeScript("document.querySelector('seek-pass-button').setAttribute('target', 'new-tab')");
  const before = await driver.getAllWindowHandles();
  const partner = await driver.getWindowHandle();
  await (await mounted(0)).click();
  await driver.wait(async () => (await driver.getAllWindowHandles()).length > before.length, 15000);
  const tab = (await driver.getAllWindowHandles()).find((h) => !before.includes(h));
  await driver.switchTo().window(tab);
  await landed(driver);
  assert.equal(await driver.executeScript('return window.opener'), null);
  await driver.close();
  await driver.switchTo().window(partner);
  assert.equal(new URL(await driver.getCurrentUrl()).pathname, '/');
});
