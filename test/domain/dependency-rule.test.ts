import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

/** The import rules of scripts/check-deps.cjs, run against small throw-away trees. */
const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'scripts/check-deps.cjs');

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'depcheck-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string): { status: number | null; text: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });
  fs.rmSync(root, { recursive: true, force: true });
  return { status: r.status, text: `${r.stdout}${r.stderr}` };
}

const PURE = {
  'src/domain/rules.ts': "import dayjs from 'dayjs';\nimport { z } from 'zod';\nimport { x } from './shared';\nexport const y = [dayjs, z, x];\n",
  'src/domain/shared.ts': 'export const x = 1;\n',
};

describe('the dependency rule', () => {
  it('passes a domain that imports only dayjs, zod and itself', () => {
    const r = check(tree(PURE));
    expect(r.text).toContain('import rules hold');
    expect(r.status).toBe(0);
  });

  it('fails, naming the file and the rule, when the domain imports the platform, a node builtin or the server', () => {
    const r = check(
      tree({
        ...PURE,
        'src/domain/leaky.ts': "import cloud from 'wx-server-sdk';\nimport fs from 'fs';\nimport { h } from '../server/handler';\nexport const z = [cloud, fs, h];\n",
        'src/server/handler.ts': 'export const h = 1;\n',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.text).toContain('src/domain/leaky.ts -> src/server/handler.ts');
    expect(r.text).toMatch(/src\/domain\/leaky\.ts -> .*wx-server-sdk/);
    expect(r.text).toMatch(/src\/domain\/leaky\.ts -> fs/);
    expect(r.text).toContain('[domain-is-pure]');
  });

  it('passes wire-type files that import only types, and fails one that imports a value', () => {
    const ok = check(
      tree({
        'src/server/case/schemas.ts': "import { z } from 'zod';\nexport const In = z.object({ a: z.string() });\n",
        'src/server/case/case.types.ts': "import type { z } from 'zod';\nimport type * as S from './schemas';\nexport type In = z.input<typeof S.In>;\n",
      }),
    );
    expect(ok.status).toBe(0);
    const bad = check(
      tree({
        'src/server/case/schemas.ts': "import { z } from 'zod';\nexport const In = z.object({ a: z.string() });\n",
        'src/server/case/case.types.ts': "import { In } from './schemas';\nexport type T = typeof In;\nexport const again = In;\n",
      }),
    );
    expect(bad.status).toBe(1);
    expect(bad.text).toContain('src/server/case/case.types.ts -> src/server/case/schemas.ts');
    expect(bad.text).toContain('[wire-types-are-types]');
  });

  it('fails when server or functions import the local runtime, or src imports the mini-program', () => {
    const r = check(
      tree({
        'src/server/a.ts': "import { l } from '../local/runtime';\nexport const a = l;\n",
        'src/functions/case.ts': "import { l } from '../local/runtime';\nexport const main = l;\n",
        'src/local/runtime.ts': 'export const l = 1;\n',
        'src/server/b.ts': "import { p } from '../../miniprogram/util';\nexport const b = p;\n",
        'miniprogram/util.ts': 'export const p = 1;\n',
      }),
    );
    expect(r.status).toBe(1);
    expect(r.text).toContain('[server-not-local]');
    expect(r.text).toContain('[functions-not-local]');
    expect(r.text).toContain('[src-not-miniprogram]');
  });

  it('keeps the areas apart: another area is reached through its index.ts, schemas.ts or wire types, never its internals', () => {
    const layout = {
      'src/server/kernel/db.ts': 'export const db = 1;\n',
      'src/server/cases/store.ts': "import { db } from '../kernel/db';\nexport const store = db;\n",
      'src/server/org/experts.ts': "import { store } from '../cases/store';\nexport const EXPERTS = 'experts' + store;\n",
      'src/server/org/index.ts': "export { EXPERTS } from './experts';\n",
      'src/server/org/schemas.ts': 'export const In = 1;\n',
    };
    const ok = check(tree({ ...layout, 'src/server/case/experts.ts': "import { EXPERTS } from '../org/index';\nimport { In } from '../org/schemas';\nexport const x = [EXPERTS, In];\n" }));
    expect(ok.text).toContain('import rules hold');
    expect(ok.status).toBe(0);
    const bad = check(
      tree({
        ...layout,
        'src/server/case/experts.ts': "import { EXPERTS } from '../org/experts';\nexport const x = EXPERTS;\n",
        'src/server/kernel/leak.ts': "import { x } from '../case/experts';\nexport const y = x;\n",
        'src/server/cases/leak.ts': "import { EXPERTS } from '../org/experts';\nexport const z = EXPERTS;\n",
      }),
    );
    expect(bad.status).toBe(1);
    expect(bad.text).toContain('src/server/case/experts.ts -> src/server/org/experts.ts  [areas-apart]');
    expect(bad.text).toContain('src/server/kernel/leak.ts -> src/server/case/experts.ts  [kernel-imports-no-area]');
    expect(bad.text).toContain('src/server/cases/leak.ts -> src/server/org/experts.ts  [cases-imports-no-area-internals]');
  });

  it('fails on an import cycle, even one of types only', () => {
    const r = check(
      tree({
        'src/server/cases/store.ts': "import type { Doc } from './doc';\nexport const save = (d: Doc) => d;\n",
        'src/server/cases/doc.ts': "import type { save } from './store';\nexport type Doc = { s?: typeof save };\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.text).toContain('[no-cycles]');
  });
});
