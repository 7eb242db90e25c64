// The uid of each event document: a random (version 4) UUID, as crypto.randomUUID() makes, but cheaper per call.
// A fast scan makes one per point (20,000 in a `daq scan count 20000 --exp-time 0`), and randomUUID refills its
// small cache of random bytes every 128 uids and checks its options on each call: about a fifth of the engine's
// time per point (docs/benchmarks.md, "CLI whole-command speed"). Here the random bytes come from the same
// source (the operating system's CSPRNG through randomFillSync), 1,024 uids' worth at a time, and are written
// out through a byte → hex table.
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const UIDS_PER_FILL = 1024;
const pool = new Uint8Array(16 * UIDS_PER_FILL);
let next = UIDS_PER_FILL;

/** A new random UUID (RFC 9562 version 4, variant 10), e.g. "3b241101-e2bb-4255-8caf-4136c566a962". */
export function eventUid(): string {
  if (next === UIDS_PER_FILL) {
    randomFillSync(pool);
    next = 0;
  }
  const b = pool;
  const o = 16 * next++;
  return (
    HEX[b[o]!]! + HEX[b[o + 1]!]! + HEX[b[o + 2]!]! + HEX[b[o + 3]!]! + '-' +
    HEX[b[o + 4]!]! + HEX[b[o + 5]!]! + '-' +
    HEX[(b[o + 6]! & 0x0f) | 0x40]! + HEX[b[o + 7]!]! + '-' +
    HEX[(b[o + 8]! & 0x3f) | 0x80]! + HEX[b[o + 9]!]! + '-' +
    HEX[b[o + 10]!]! + HEX[b[o + 11]!]! + HEX[b[o + 12]!]! + HEX[b[o + 13]!]! + HEX[b[o + 14]!]! + HEX[b[o + 15]!]!
  );
}
