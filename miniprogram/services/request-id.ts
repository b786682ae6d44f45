// A request id names one user intent ("submit this application"). Automatic retries reuse it, so the
// server can return the first result instead of doing the work twice. Format accepted by the server:
// 8–64 characters of [A-Za-z0-9_-].

let counter = 0;

export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  counter = (counter + 1) % 1_679_616; // 36^4
  const rand = Math.floor(random() * 2_176_782_336) // 36^6
    .toString(36)
    .padStart(6, '0');
  return `r${now.toString(36)}${counter.toString(36).padStart(4, '0')}${rand}`;
}

export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
