#!/usr/bin/env node
/*
 * `npm run build` and what `npm start` runs first: compiles the server (tsc --build, which skips
 * itself when nothing changed) and bundles the web interface (Vite) only when one of its inputs
 * changed since the last bundle, so that a start with nothing to do costs a fraction of a second.
 * `--force` bundles whatever the fingerprint says; `--verbose` has tsc say what it built and why.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const webOut = path.join(root, 'dist', 'web');
const fingerprintFile = path.join(webOut, '.inputs-sha256');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Every file the bundle is made from, by name, size and content: a touch alone does not rebuild. */
function webInputsFingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(root, full)}\0`).update(fs.readFileSync(full)).update('\0');
    }
  };
  walk(path.join(root, 'web'));
  hash.update(fs.readFileSync(path.join(root, 'package-lock.json')));
  return hash.digest('hex');
}

run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--build', 'tsconfig.build.json', ...(process.argv.includes('--verbose') ? ['--verbose'] : [])]);

const fingerprint = webInputsFingerprint();
const built = fs.existsSync(path.join(webOut, 'index.html')) && fs.existsSync(fingerprintFile) ? fs.readFileSync(fingerprintFile, 'utf8') : '';
if (built === fingerprint && !process.argv.includes('--force')) {
  console.log('web interface: up to date (dist/web)');
} else {
  run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'web', '--logLevel', 'warn']);
  fs.writeFileSync(fingerprintFile, fingerprint);
  console.log('web interface: built (dist/web)');
}
