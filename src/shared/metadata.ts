// Session metadata entries as the Api shows them.
import { z } from 'zod';
import { forbiddenKeyMessage, notForbidden } from './user-data.ts';

export const MetadataTiming = z.enum(['PREPARED', 'START', 'END']);
export type MetadataTiming = z.infer<typeof MetadataTiming>;

export const MetadataCategory = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a category is an identifier (letters, digits, _)')
  .refine(notForbidden, { error: (i) => forbiddenKeyMessage(String(i.input)) });
export const MetadataKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(@[A-Za-z_]+)?$/, 'a metadata name is an identifier, optionally with "@units"')
  .refine((k) => notForbidden(k.split('@')[0]!), { error: (i) => forbiddenKeyMessage(String(i.input)) });

export interface MetadataEntry {
  category: string;
  name: string;
  timing: MetadataTiming;
  value: unknown;
  generated: boolean;
}
