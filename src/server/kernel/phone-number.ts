// The caller's own phone number as WeChat has verified it: the mini-program's `getPhoneNumber` button gives a
// one-time code, which phonenumber.getPhoneNumber turns into the number bound to the caller's WeChat account.
// Locally the runtime's stand-in answers it (src/local/openapi.ts). Used to bind a short invitation code to the
// invited party's phone.
import type { Cloud } from './platform';

export interface PhoneNumbers {
  /** The verified number (without country code) a button's code stands for; throws when WeChat refuses. */
  verified(code: string): Promise<string>;
}

export function wxPhoneNumbers(cloud: Cloud): PhoneNumbers {
  return {
    async verified(code) {
      const res = (await (cloud.openapi as unknown as { phonenumber: { getPhoneNumber(req: { code: string }): Promise<unknown> } }).phonenumber.getPhoneNumber({ code })) as {
        errCode?: number;
        errMsg?: string;
        phoneInfo?: { purePhoneNumber?: string };
        phone_info?: { purePhoneNumber?: string };
      };
      const phone = (res?.phoneInfo ?? res?.phone_info)?.purePhoneNumber;
      if (!phone || (res.errCode ?? 0) !== 0) throw new Error(`phonenumber.getPhoneNumber: ${res?.errCode ?? '?'} ${res?.errMsg ?? ''}`);
      return phone;
    },
  };
}
