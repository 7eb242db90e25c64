// Session metadata (sample, user, proposal …): list, set and remove. A value is checked for keys, depth and size
// first (a deep value would overflow JSON.stringify), then must survive a JSON round trip (it is stored and
// written to files) and stay under 64 kB.
import type { MetadataTiming } from '../../shared/metadata.ts';
import { DaqError } from '../../shared/errors.ts';
import { userValueProblem } from '../../shared/user-data.ts';
import type { MetadataRegistry } from '../acquisition/metadata.ts';
import type { Handlers } from './handlers.ts';

const MAX_VALUE_BYTES = 64 * 1024;

export function metadataHandlers(metadata: MetadataRegistry): Handlers<'listMetadata' | 'setMetadata' | 'removeMetadata'> {
  return {
    listMetadata: async () => metadata.list(),
    setMetadata: async (category: string, name: string, value: unknown, timing?: MetadataTiming) => {
      const problem = userValueProblem(value);
      if (problem) throw new DaqError('BAD_ARGUMENTS', `metadata ${category}/${name}: ${problem}.`);
      const json = JSON.stringify(value ?? null);
      if (json.length > MAX_VALUE_BYTES) throw new DaqError('BAD_ARGUMENTS', `metadata ${category}/${name}: the value is ${json.length} bytes; keep it under 64 kB.`);
      return metadata.set(category, name, JSON.parse(json), timing);
    },
    removeMetadata: async (category: string, name: string) => (metadata.remove(category, name), metadata.list()),
  };
}
