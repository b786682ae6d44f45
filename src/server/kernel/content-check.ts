// User text goes through WeChat's content check (security.msgSecCheck v2). Anything but a clear `pass` —
// a `risky` or `review` verdict, or the API failing — sends the case to human review; nothing is dropped.
import type { Cloud } from './platform';

export type ContentVerdict = { outcome: 'pass' } | { outcome: 'review'; why: 'risky' | 'review' | 'api_error' };

export interface ContentCheck {
  check(text: string, openid: string): Promise<ContentVerdict>;
}

export function wxContentCheck(cloud: Cloud): ContentCheck {
  return {
    async check(text, openid) {
      if (!text.trim()) return { outcome: 'pass' };
      try {
        const res = (await cloud.openapi.security.msgSecCheck({ content: text, version: 2, scene: 1, openid })) as {
          result?: { suggest?: string };
        };
        const suggest = res?.result?.suggest;
        if (suggest === 'pass') return { outcome: 'pass' };
        return { outcome: 'review', why: suggest === 'risky' ? 'risky' : 'review' };
      } catch {
        return { outcome: 'review', why: 'api_error' };
      }
    },
  };
}
