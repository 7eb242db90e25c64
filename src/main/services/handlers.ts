// The shape of one topic's part of the Api implementation. The dispatcher validated the arguments with the
// method's schema (src/shared/api.ts) before a handler runs; each handler names the parsed types it takes.
import type { Results } from '../../shared/api.ts';

export type Handlers<K extends keyof Results> = { [M in K]: (...args: never[]) => Promise<Results[M]> };
