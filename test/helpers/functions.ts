// Every cloud function's route table, found from src/functions/*.ts (each exports `routes` beside `main`).
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '../../src/functions');

export function allRoutes(): Record<string, Record<string, { mutates: boolean; caller?: string }>> {
  const out: Record<string, Record<string, { mutates: boolean; caller?: string }>> = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const name = file.slice(0, -3);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as { routes?: Record<string, { mutates: boolean; caller?: string }> };
    if (!mod.routes) throw new Error(`src/functions/${file} must export its route table as \`routes\``);
    out[name] = mod.routes;
  }
  return out;
}
