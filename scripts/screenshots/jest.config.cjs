// jest configuration of the rendering step of `npm run screenshots`: the miniprogram project of package.json (jsdom,
// the same transforms and setup as the page tests), pointed at scripts/screenshots/render-*.run.ts.
const path = require('path');

const root = path.resolve(__dirname, '../..');
const { displayName: _name, roots: _roots, testMatch: _match, ...miniprogram } = require(path.join(root, 'package.json')).jest.projects.find((p) => p.displayName === 'miniprogram');

module.exports = {
  ...miniprogram,
  rootDir: root,
  displayName: 'screens',
  roots: ['<rootDir>/scripts/screenshots'],
  testMatch: ['<rootDir>/scripts/screenshots/render-*.run.ts'],
  testTimeout: 60000,
};
