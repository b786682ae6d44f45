#!/usr/bin/env node
// Fires a timer trigger on the running local service now: `npm run timer -- <function> <trigger>`.
// Without arguments, lists the triggers declared in cloudfunctions/*/config.json.
const fs = require('node:fs');
const path = require('node:path');

const port = process.env.PORT || 3000;
const [fn, trigger] = process.argv.slice(2);
const fnRoot = path.join(__dirname, '..', 'cloudfunctions');

if (!fn || !trigger) {
  console.log('usage: npm run timer -- <function> <trigger>\ndeclared timer triggers:');
  for (const name of fs.readdirSync(fnRoot)) {
    const file = path.join(fnRoot, name, 'config.json');
    if (!fs.existsSync(file)) continue;
    for (const t of JSON.parse(fs.readFileSync(file, 'utf8')).triggers || []) console.log(`  ${name} ${t.name}   "${t.config}"`);
  }
  process.exit(fn ? 1 : 0);
}

fetch(`http://127.0.0.1:${port}/timer/${encodeURIComponent(fn)}/${encodeURIComponent(trigger)}`, { method: 'POST' })
  .then(async (res) => {
    const body = await res.json();
    console.log(JSON.stringify(body, null, 2));
    process.exit(res.ok && body.ok !== false ? 0 : 1);
  })
  .catch((e) => {
    console.error(`cannot reach the local service on port ${port} (is \`npm start\` running?): ${e.message}`);
    process.exit(1);
  });
