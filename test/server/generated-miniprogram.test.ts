// What the phone ships of the server's tables (miniprogram/generated/) is exactly what the generator makes of
// them now: a table changed on the server without `npm run build`, or a generated file edited by hand, fails
// here (and `npm test` runs the build in check-only mode, so it cannot rewrite them first).
import * as fs from 'fs';
import * as path from 'path';
import { GENERATED_DIR, generatedFiles } from '../../scripts/generate-miniprogram';
import { ERROR_CATALOGUE } from '../../src/server/error-codes';
import { caseRoutes } from '../../src/server/case/routes';

const ROOT = path.resolve(__dirname, '../..');

describe('miniprogram/generated', () => {
  const files = generatedFiles();

  it.each(Object.keys(files))('%s is up to date with the server (run `npm run build` and commit it)', (name) => {
    const onDisk = fs.readFileSync(path.join(ROOT, GENERATED_DIR, name), 'utf8');
    expect(onDisk).toBe(files[name]);
  });

  it('no other file sits in the folder', () => {
    expect(fs.readdirSync(path.join(ROOT, GENERATED_DIR)).sort()).toEqual(Object.keys(files).sort());
  });

  it('carries every error code with its sentence, and every action with whether it mutates', () => {
    for (const [code, message] of Object.entries(ERROR_CATALOGUE)) expect(files['errors.ts']).toContain(`${code}: ${JSON.stringify(message)}`);
    for (const [action, r] of Object.entries(caseRoutes)) expect(files['actions.ts']).toContain(`${action}: "${r.mutates ? 'command' : 'query'}"`);
  });

  it('a changed server table makes the generated file differ', () => {
    const before = generatedFiles()['labels.ts'];
    const { STATUS_LABEL } = require('../../src/domain/case/labels') as { STATUS_LABEL: Record<string, string> };
    const original = STATUS_LABEL.closed;
    STATUS_LABEL.closed = '已办结（改）';
    try {
      expect(generatedFiles()['labels.ts']).not.toBe(before);
    } finally {
      STATUS_LABEL.closed = original;
    }
  });
});
