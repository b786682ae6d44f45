// What one action is on the wire, apart from which actions there are: each area's `<area>.types.ts` declares its
// actions with these, and api.types.ts gathers the areas. Kept apart so the areas' types do not import the file
// that imports them (no import cycles, `npm run depcheck`).

/** One action: what the caller sends (`input`, before defaults are filled in), what it answers, and whether it mutates. */
export interface Action<I, O, M extends boolean> {
  input: I;
  output: O;
  mutates: M;
}

/** Reads: no request id needed. */
export type Query<I, O> = Action<I, O, false>;
/** Changes: the caller sends the request id of its intent, and a replay is answered once. */
export type Command<I, O> = Action<I, O, true>;
