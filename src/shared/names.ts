// Validators for the small values every boundary checks: device names and finite numbers.
import { z } from 'zod';

/** Device, detector and scan names: short identifiers, never paths. */
export const Name = z
  .string()
  .min(1, 'a name must not be empty')
  .max(64, 'a name is at most 64 characters')
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a name starts with a letter or _ and holds letters, digits, _ . -');

/** A finite number: NaN and ±Infinity are refused. */
export const Finite = z.number({
  error: (iss) => (iss.input === undefined ? 'a number is required' : `must be a finite number (not NaN or Infinity), got ${typeof iss.input === 'number' ? String(iss.input) : typeof iss.input}`),
});
