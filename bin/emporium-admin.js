#!/usr/bin/env node
'use strict';
// The operators' CLI (src/admin/cli.ts). In a checkout it runs from the sources through tsx,
// so it is never older than they are; where only the build is (a production image), from dist/.
const path = require('node:path');
const root = path.resolve(__dirname, '..');

function load() {
  try {
    require.resolve('tsx/cjs/api', { paths: [root] });
    require(require.resolve('tsx/cjs/api', { paths: [root] })).register();
    return require(path.join(root, 'src/admin/cli.ts'));
  } catch (error) {
    if (error && error.code !== 'MODULE_NOT_FOUND') throw error;
    return require(path.join(root, 'dist/admin/cli.js'));
  }
}

load()
  .runAdmin(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
