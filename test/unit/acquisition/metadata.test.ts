// Session metadata reaches every scan at the right time (START into the start document, END into the stop
// document), persists across restarts, and can be removed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/shared/documents.ts';
import { Session } from '../../../src/main/session.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'daq-md-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('session metadata', () => {
  it('adds START entries to the start document and END entries to the stop document', async () => {
    const s = new Session({ dataDir: dir, basePath: join(dir, 'files'), instantMoves: true });
    await s.api.setMetadata('sample', 'name', 'Si 111');
    await s.api.setMetadata('sample', 'thickness', 0.5);
    await s.api.setMetadata('sample', 'thickness@units', 'mm');
    await s.api.setMetadata('instrument', 'ring_current', 199.8); // instrument defaults to END
    await s.api.setMetadata('proposal', 'id', 'ID-42', 'PREPARED');
    s.metadata.generate('technique', 'scan_kind', (scan) => `${scan.planName} over ${scan.motors.join(',') || 'time'}`);
    const docs: Doc[] = [];
    s.engine.subscribe((d) => void docs.push(d));
    await s.scan({ type: 'line', motor: 'samx', start: 0, stop: 1, points: 2, md: { sample: { comment: 'user md wins for its own keys' } } });
    const start = docs.find((d) => d.name === 'start')!.doc as { md: Record<string, Record<string, unknown>> };
    const stop = docs.find((d) => d.name === 'stop')!.doc as { md_end: Record<string, Record<string, unknown>> };
    expect(start.md.proposal).toEqual({ id: 'ID-42' });
    expect(start.md.technique).toEqual({ scan_kind: 'line_scan over samx' });
    expect(start.md.sample).toEqual({ comment: 'user md wins for its own keys' });
    expect(stop.md_end).toEqual({ instrument: { ring_current: 199.8 } });
    await s.close();
  });

  it('keeps static entries across restarts, and removes them on request', async () => {
    const a = new Session({ dataDir: dir, basePath: join(dir, 'files') });
    await a.api.setMetadata('sample', 'name', 'Si 111');
    await a.close();
    const b = new Session({ dataDir: dir, basePath: join(dir, 'files') });
    expect(await b.api.listMetadata()).toEqual([{ category: 'sample', name: 'name', timing: 'START', value: 'Si 111', generated: false }]);
    await b.api.removeMetadata('sample', 'name');
    expect(await b.api.listMetadata()).toEqual([]);
    await expect(b.api.removeMetadata('sample', 'name')).rejects.toThrow(/No metadata entry sample\/name/);
    await b.close();
  });

  it('shares entries with another process on the same data folder without overwriting them', async () => {
    const app = new Session({ dataDir: dir, basePath: join(dir, 'files'), instantMoves: true, save: false });
    const cli = new Session({ dataDir: dir, basePath: join(dir, 'files'), save: false }); // e.g. `daq metadata set` while the app runs
    await cli.api.setMetadata('sample', 'name', 'Si 111');
    await app.api.setMetadata('proposal', 'id', 'ID-42');
    const docs: Doc[] = [];
    app.engine.subscribe((d) => void docs.push(d));
    await app.scan({ type: 'count', points: 1 });
    const start = docs.find((d) => d.name === 'start')!.doc as { md: Record<string, Record<string, unknown>> };
    expect(start.md).toMatchObject({ sample: { name: 'Si 111' }, proposal: { id: 'ID-42' } });
    await cli.api.removeMetadata('sample', 'name');
    expect((await app.api.listMetadata()).map((e) => `${e.category}/${e.name}`)).toEqual(['proposal/id']);
    await app.close();
    await cli.close();
  });

  it('refuses values too big to store', async () => {
    const s = new Session({ dataDir: dir, basePath: join(dir, 'files') });
    await expect(s.api.setMetadata('sample', 'notes', 'x'.repeat(70_000))).rejects.toThrow(/keep it under 64 kB/);
    await s.close();
  });
});
