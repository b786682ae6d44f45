// The CloudBase CLI's deployment file (cloudbaserc.json), made from each function's own config.json so the two
// cannot drift: `tcb fn deploy` reads only cloudbaserc.json (its defaults are a 5 s timeout and no dependency
// install, which would leave wx-server-sdk missing), while WeChat DevTools reads cloudfunctions/<name>/config.json.
// `npm run build` writes it; `npm run build -- --check-generated` (in `npm test`) fails when it is stale, and
// test/server/cloudbaserc.test.ts compares it with every config.json.
//
// Environment variables are named, never valued: each is `{{env.NAME}}`, which the CLI (config version 2.0)
// fills from `.env` / `.env.local` beside this file (git-ignored) when deploying. The CLI replaces a function's
// whole variable set on deploy, so every variable the function reads is listed.
import { TEMPLATES } from '../src/server/notify/templates';

/** What one function's config.json holds (the part DevTools and the CLI both apply). */
export interface FunctionConfig {
  timeout?: number;
  permissions?: { openapi?: string[] };
  triggers?: Array<{ name: string; type: string; config: string }>;
}

/** Node runtime in CloudBase; the bundles are built for node16 (scripts/build-functions.mjs). */
export const RUNTIME = 'Nodejs16.13';

/** Variables every function reads (src/server/kernel/function.ts, src/server/kernel/pii.ts). */
const COMMON_ENV = ['PII_KEY', 'PII_KEYS_PREVIOUS', 'AUDIT_KEY'];

/** Variables only some functions read. */
export function envNamesOf(name: string): string[] {
  const own: Record<string, string[]> = {
    // src/server/case/filing-limits.ts
    case: ['FILING_LIMITS'],
    // src/server/notify/relay.ts and templates.ts: the subscribe-message template of every kind of notice
    timer: ['MINIPROGRAM_STATE', ...Object.values(TEMPLATES).map((t) => t.env)],
  };
  return [...COMMON_ENV, ...(own[name] ?? [])];
}

/** The deployment file for the given functions' config.json contents. */
export function cloudbaserc(configs: Record<string, FunctionConfig>): Record<string, unknown> {
  return {
    version: '2.0',
    envId: '{{env.CLOUDBASE_ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: Object.keys(configs)
      .sort()
      .map((name) => {
        const c = configs[name];
        return {
          name,
          handler: 'index.main',
          runtime: RUNTIME,
          timeout: c.timeout ?? 5,
          installDependency: true,
          envVariables: Object.fromEntries(envNamesOf(name).map((v) => [v, `{{env.${v}}}`])),
          ...(c.triggers?.length ? { triggers: c.triggers.map((t) => ({ name: t.name, type: t.type, config: t.config })) } : {}),
        };
      }),
  };
}

/** The file's text, as committed. */
export function cloudbasercText(configs: Record<string, FunctionConfig>): string {
  return `${JSON.stringify(cloudbaserc(configs), null, 2)}\n`;
}
