// User text goes through WeChat's content check (security.msgSecCheck v2). Anything but a clear `pass` —
// a `risky` or `review` verdict, or the API failing — sends the case to human review; nothing is dropped.
import type { Cloud } from './platform';

export type ContentVerdict = { outcome: 'pass' } | { outcome: 'review'; why: 'risky' | 'review' | 'api_error' };

export interface ContentCheck {
  check(text: string, openid: string): Promise<ContentVerdict>;
}

/**
 * The most characters one msgSecCheck (v2) takes: `content` "文本字数的上限为2500字" (WeChat's reference for
 * msgSecCheck). Longer text (a summary with what the applicant wants) is checked in consecutive parts.
 */
export const SEC_CHECK_MAX_CHARS = 2500;

/** The text in parts of at most `max` characters, never splitting a character (counted by code point). */
export function secCheckParts(text: string, max = SEC_CHECK_MAX_CHARS): string[] {
  const chars = Array.from(text);
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''));
  return parts;
}

export function wxContentCheck(cloud: Cloud): ContentCheck {
  const checkPart = async (content: string, openid: string): Promise<ContentVerdict> => {
    try {
      const res = (await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 1, openid })) as {
        result?: { suggest?: string };
      };
      const suggest = res?.result?.suggest;
      if (suggest === 'pass') return { outcome: 'pass' };
      return { outcome: 'review', why: suggest === 'risky' ? 'risky' : 'review' };
    } catch {
      return { outcome: 'review', why: 'api_error' };
    }
  };
  return {
    async check(text, openid) {
      if (!text.trim()) return { outcome: 'pass' };
      // The text passes only when every part does; the first part held decides why.
      for (const part of secCheckParts(text)) {
        const verdict = await checkPart(part, openid);
        if (verdict.outcome !== 'pass') return verdict;
      }
      return { outcome: 'pass' };
    },
  };
}
