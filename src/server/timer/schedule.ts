// WeChat allows one timer trigger per cloud function (config.json `triggers`: 目前仅支持一个触发器), so the
// `timer` function has a single five-minute trigger, `tick`, and each run decides here which jobs are due,
// by the run's minute (China time and UTC share minutes): the relay every run, the deadline sweep (which
// relays itself afterwards) on the quarter hours, expiry once an hour, then every run the archive numbers of cases
// closed since (src/server/cases/archive.ts) and last the figures' roll-up (src/server/report/figure-counters.ts: a
// bounded batch of the cases whose facts changed, the sweep's included).
export type TimerJob = 'relay' | 'deadlines' | 'expiry' | 'archives' | 'figures';

/** The minute past the hour at which the hourly expiry runs (a tick minute, away from the quarter hours). */
export const EXPIRY_MINUTE = 5;

/** The jobs one tick at `now` runs, in order. The tick fires every 5 minutes, at second 0. */
export function jobsDue(now: Date): TimerJob[] {
  const minute = now.getUTCMinutes();
  const jobs: TimerJob[] = [minute % 15 === 0 ? 'deadlines' : 'relay'];
  if (minute === EXPIRY_MINUTE) jobs.push('expiry');
  jobs.push('archives', 'figures');
  return jobs;
}
