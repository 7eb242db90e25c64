// Writers announce where they wrote in the document stream (#12 item 3): the NeXus writer publishes a resource
// document right after the descriptor, and any consumer — a second catalog subscribed first or last, the
// report — learns the scan's file from it, with no reference to the writer and no rule on subscription order.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/shared/documents.ts';
import { Catalog } from '../../../src/main/catalog/catalog.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'daq-resource-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the resource document', () => {
  it('tells a catalog the file of a scan whatever the order it subscribed in, and the report reads the same', async () => {
    const s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true });
    // A catalog of its own, knowing nothing of the writer, subscribed after every other consumer.
    mkdirSync(join(dir, 'other'));
    const other = new Catalog(join(dir, 'other'));
    s.engine.subscribe(other.callback);
    const docs: Doc[] = [];
    s.engine.subscribe((d) => void docs.push(d));
    const r = await s.scan({ type: 'count', points: 2, detectors: ['det'] });
    expect(r.file).toMatch(/\.h5$/);
    expect(other.resolve(r.uid)).toMatchObject({ file: r.file, entry: r.entry, numPoints: 2, exitStatus: 'success' });
    expect(s.catalog.resolve(r.uid)).toMatchObject({ file: r.file, entry: r.entry });
    const resource = docs.find((d) => d.name === 'resource');
    expect(resource?.doc).toMatchObject({ run_start: r.uid, spec: 'NeXus', resource_path: r.file, entry: r.entry });
    other.close();
    await s.close();
  });

  it('is absent when the session does not save, and the report and catalog say so', async () => {
    const s = new Session({ dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true, save: false });
    const names: string[] = [];
    s.engine.subscribe((d) => void names.push(d.name));
    const r = await s.scan({ type: 'count', points: 1, detectors: ['det'] });
    expect(names).toEqual(['start', 'descriptor', 'event', 'stop']);
    expect(r.file).toBe('');
    expect(s.catalog.resolve(r.uid).file).toBe('');
    await s.close();
  });
});
