// The server side of the SSR build: render in Node with the package imported, and write the
// page the browser gets (the client build's HTML with the server-rendered markup inside).
import { readFile, writeFile } from 'node:fs/promises';
import { render } from './dist/server/entry-server.js';

const { html, defined, version } = render();
if (defined !== false) throw new Error('defineSeekPassButton must be a no-op on the server');
if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`bad version ${version}`);
if (!html.includes('<seek-pass-button') || !html.includes('<template shadowrootmode="open"><form class="container" part="container" method="post" action="/api/seekpass/add"')
  || !html.includes('name="credentialType" value="education"')) throw new Error(`not rendered as the form markup: ${html}`);
const page = await readFile('dist/client/index.html', 'utf8');
await writeFile('dist/client/index.html', page.replace('<!--ssr-->', html));
console.log(`server-rendered with seekpass-button ${version}`);
