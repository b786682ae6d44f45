// A mini-program code (小程序码) that opens a page with a scene, through WeChat's wxacode.getUnlimited: the only
// kind without a quota, its scene at most 32 visible characters. Locally the runtime's stand-in answers with a
// PNG as the real API does (src/local/openapi.ts). Used for the printed invitation a respondent scans.
import type { Cloud } from './platform';

export interface MiniCode {
  /** The PNG of a code opening `page` with `scene`; refused (throws) when the API refuses. */
  unlimited(scene: string, page: string): Promise<Buffer>;
}

export function wxMiniCode(cloud: Cloud): MiniCode {
  return {
    async unlimited(scene, page) {
      const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })) as {
        buffer?: Buffer | Uint8Array;
        errCode?: number;
        errMsg?: string;
      };
      if (!res?.buffer || (res.errCode ?? 0) !== 0) throw new Error(`wxacode.getUnlimited: ${res?.errCode ?? '?'} ${res?.errMsg ?? ''}`);
      return Buffer.from(res.buffer);
    },
  };
}
