// The folder picker's backend: a folder that does not exist yet (a fresh set-up, a newly typed base path) lists
// its nearest existing parent and says which folder was asked for, instead of failing; "/" is a valid start.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSession, type Session } from '../../src/main/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-folders-'));
let s: Session;

beforeAll(async () => {
  mkdirSync(join(dir, 'files', 'a'), { recursive: true });
  s = await openSession({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
});

afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('lists the nearest existing parent of a folder that does not exist yet', async () => {
  const wanted = join(dir, 'files', 'new', 'deeper');
  const got = await s.api.listFolders(wanted);
  expect(got).toMatchObject({ path: join(dir, 'files'), requested: wanted, folders: ['a'] });
});

it('lists an existing folder as it is, and "/" too', async () => {
  expect(await s.api.listFolders(join(dir, 'files'))).toMatchObject({ path: join(dir, 'files'), requested: join(dir, 'files') });
  expect((await s.api.listFolders('/')).parent).toBeNull();
  await expect(s.api.listFolders('relative/path')).rejects.toThrow(/absolute folder path/);
});

it('tells the UI which base path the command line gave (it wins again at the next start)', async () => {
  expect((await s.api.getAppInfo()).startupBasePath).toBe(join(dir, 'files'));
});
