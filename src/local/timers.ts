// Timer triggers as declared in each function's config.json, fired locally on their schedule.
// CloudBase cron has seven fields: second minute hour day month weekday year; croner takes the first six,
// so a year field is checked here.
import fs from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';

export interface TimerTrigger {
  fn: string;
  name: string;
  /** The expression as written in config.json. */
  config: string;
}

/**
 * The function's timer trigger, if it declares one. A config.json declaring more than one trigger is refused,
 * as WeChat refuses it (config.json `triggers`: 目前仅支持一个触发器); so is a trigger that is not a 7-field timer.
 */
export function readTriggers(functionsDir: string, fn: string): TimerTrigger[] {
  const file = path.join(functionsDir, fn, 'config.json');
  if (!fs.existsSync(file)) return [];
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> };
  const triggers = config.triggers ?? [];
  if (!Array.isArray(triggers)) throw new Error(`cloudfunctions/${fn}/config.json: "triggers" must be a list`);
  if (triggers.length > 1) {
    throw new Error(
      `cloudfunctions/${fn}/config.json declares ${triggers.length} triggers (${triggers.map((t) => t.name).join(', ')}); ` +
        'WeChat allows one trigger per function (目前仅支持一个触发器): run the jobs from one trigger',
    );
  }
  for (const t of triggers) {
    if (t.type !== 'timer') throw new Error(`cloudfunctions/${fn}/config.json: trigger "${t.name}" has type "${t.type}"; only "timer" exists`);
    parse(t.config);
  }
  return triggers.map((t) => ({ fn, name: t.name, config: t.config }));
}

function parse(expr: string): { cron: Cron; year?: string } {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer "${expr}": CloudBase timers have 7 fields (s m h d M w y)`);
  const year = fields[6];
  // CloudBase evaluates timers in Beijing time.
  return { cron: new Cron(fields.slice(0, 6).join(' '), { paused: true, timezone: 'Asia/Shanghai' }), year: year === '*' ? undefined : year };
}

/** The next time a trigger fires after `from`. */
export function nextFire(expr: string, from: Date): Date | null {
  const { cron, year } = parse(expr);
  let at: Date | null = from;
  for (let i = 0; i < 1000 && at; i++) {
    at = cron.nextRun(at);
    if (!at) return null;
    if (!year || year.split(',').includes(String(new Date(at.getTime() + 8 * 3600_000).getUTCFullYear()))) return at;
  }
  return null;
}

/** Schedules every trigger; returns a stop function. Each firing is awaited before the next is scheduled. */
export function scheduleTriggers(
  triggers: TimerTrigger[],
  fire: (t: TimerTrigger, at: Date) => Promise<void>,
  clock: () => Date = () => new Date(),
): () => void {
  const handles = new Set<NodeJS.Timeout>();
  let stopped = false;
  const plan = (t: TimerTrigger) => {
    if (stopped) return;
    const at = nextFire(t.config, clock());
    if (!at) return;
    const h = setTimeout(async () => {
      handles.delete(h);
      try {
        await fire(t, at);
      } finally {
        plan(t);
      }
    }, Math.max(0, at.getTime() - clock().getTime()));
    h.unref();
    handles.add(h);
  };
  triggers.forEach(plan);
  return () => {
    stopped = true;
    handles.forEach(clearTimeout);
    handles.clear();
  };
}
