// The RunEngine alone, with fake subscribers: no session, no file writer thread, no catalog. What the engine
// promises (engine.ts's header, docs/instrument-and-scans.md "Rules for consumers"): every subscriber gets
// start · descriptor · event* · stop, in order and synchronously; pause takes effect before the next point,
// stop ends as success, abort interrupts at once; a subscriber that throws fails the scan but the others still
// get every document, stop included, and the engine runs the next scan; backpressure holds the next point.
// "User" actions are taken from inside a subscriber at a known point, so the tests are exact, not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Doc, DocumentCallback, EventDoc } from '../../../src/shared/documents.ts';
import { RunEngine } from '../../../src/main/acquisition/engine.ts';
import { backpressure } from '../../../src/main/backpressure.ts';
import { MetadataRegistry } from '../../../src/main/acquisition/metadata.ts';
import { definePlan, type Plan } from '../../../src/main/acquisition/plans.ts';
import { ScanNumbers } from '../../../src/main/acquisition/scan-numbers.ts';
import { parseInstrumentConfig } from '../../../src/main/instrument/config.ts';
import { Instrument } from '../../../src/main/instrument/instrument.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const CONFIG = `settings: { instantMoves: true }
motors:
  samx: { units: mm, limits: [-10, 10], velocity: 100 }
detectors:
  det: { type: gaussian, motor: samx }
`;

let dir: string;
let engine: RunEngine;
let logs: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daq-run-engine-'));
  logs = [];
  const instrument = new Instrument(parseInstrumentConfig(CONFIG, 'fake.yaml'), { instantMoves: true, seed: 7 });
  // Scan numbers need a folder (a lock and a counter file); nothing else touches the disk.
  engine = new RunEngine({ instrument, scanNumbers: new ScanNumbers(dir), metadata: new MetadataRegistry(), appVersion: 'test', instrumentConfigText: CONFIG, log: (_level, m) => logs.push(m) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** n points over samx from 0 to 1 (numPoints null: until stopped). */
function line(n: number | null): Plan {
  const count = n ?? 0;
  return definePlan({ name: 'fake_line', args: {}, title: 'fake_line', motors: ['samx'], numPoints: n, relative: false, extent: { samx: [0, 1] }, positionAt: (i) => [count > 1 ? i / (count - 1) : 0] });
}

/** A fake subscriber that keeps every document and can act at a given point (the user pressing a button). */
function recorder(at?: (seq: number) => void): { docs: Doc[]; cb: DocumentCallback } {
  const docs: Doc[] = [];
  return {
    docs,
    cb: (d) => {
      docs.push(d);
      if (d.name === 'event') at?.(d.doc.seq_num);
    },
  };
}

const seqs = (docs: Doc[]) => docs.filter((d): d is { name: 'event'; doc: EventDoc } => d.name === 'event').map((d) => d.doc.seq_num);

/** One start, one descriptor, events numbered 1..n that point at that descriptor, one stop that closes the run. */
function expectWellFormed(docs: Doc[], n: number): void {
  expect(docs.map((d) => d.name)).toEqual(['start', 'descriptor', ...Array<string>(n).fill('event'), 'stop']);
  const start = docs[0]!.doc as Extract<Doc, { name: 'start' }>['doc'];
  const desc = docs[1]!.doc as Extract<Doc, { name: 'descriptor' }>['doc'];
  const stop = docs.at(-1)!.doc as Extract<Doc, { name: 'stop' }>['doc'];
  expect(desc.run_start).toBe(start.uid);
  expect(seqs(docs)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  for (const d of docs) if (d.name === 'event') expect(d.doc.descriptor).toBe(desc.uid);
  expect(stop.run_start).toBe(start.uid);
  expect(stop.num_events).toBe(n);
}

describe('document order', () => {
  it('gives every subscriber start → descriptor → event* → stop, in subscription order, the same objects', async () => {
    const order: string[] = [];
    const a = recorder();
    const b = recorder();
    engine.subscribe((d) => (order.push(`a:${d.name}`), a.cb(d)));
    engine.subscribe((d) => (order.push(`b:${d.name}`), b.cb(d)));
    const r = await engine.run(line(4), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'success', numPoints: 4, planName: 'fake_line' });
    expectWellFormed(a.docs, 4);
    expect(b.docs).toEqual(a.docs);
    for (let i = 0; i < a.docs.length; i++) expect(b.docs[i]).toBe(a.docs[i]); // one document, shared
    // Synchronous delivery: each document reaches a, then b, before the next document goes out.
    expect(order).toEqual(a.docs.flatMap((d) => [`a:${d.name}`, `b:${d.name}`]));
    const start = a.docs[0]!.doc as Extract<Doc, { name: 'start' }>['doc'];
    expect(start).toMatchObject({ uid: r.uid, scan_number: r.scanNumber, num_points: 4, motors: ['samx'], detectors: ['det'] });
    expect(Object.keys((a.docs[2]!.doc as EventDoc).data).sort()).toEqual(['det', 'samx']);
  });

  it('stops delivering to a subscriber once it unsubscribes', async () => {
    const a = recorder();
    const off = engine.subscribe(a.cb);
    await engine.run(line(2), { detectors: ['det'], expTime: 0 });
    off();
    await engine.run(line(2), { detectors: ['det'], expTime: 0 });
    expectWellFormed(a.docs, 2);
  });

  it('waits for asynchronous subscribers before it gives the report', async () => {
    let finishedStop = false;
    engine.subscribe(async (d) => {
      await Promise.resolve();
      if (d.name === 'stop') finishedStop = true;
    });
    await engine.run(line(3), { detectors: ['det'], expTime: 0 });
    expect(finishedStop).toBe(true);
  });
});

describe('pause, resume, stop, abort', () => {
  it('pauses before the next point, reports paused, and resumes to the end', async () => {
    const a = recorder((seq) => seq === 3 && engine.pause());
    engine.subscribe(a.cb);
    const running = engine.start(line(10), { detectors: ['det'], expTime: 0 });
    await waitFor(() => engine.state === 'paused', { what: 'the engine to pause after point 3' });
    expect(seqs(a.docs)).toEqual([1, 2, 3]); // nothing after the point during which Pause was pressed
    expect(engine.scanState()).toMatchObject({ state: 'paused', done: 3, total: 10, uid: running.uid });
    engine.resume();
    const r = await running.done;
    expect(r).toMatchObject({ status: 'success', numPoints: 10 });
    expectWellFormed(a.docs, 10);
    expect(engine.state).toBe('idle');
  });

  it('stop finishes the current point and ends as success, even while paused', async () => {
    const a = recorder((seq) => seq === 2 && engine.stop());
    engine.subscribe(a.cb);
    const r = await engine.run(line(null), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'success', numPoints: 2, reason: '' });
    expectWellFormed(a.docs, 2);

    const b = recorder((seq) => seq === 1 && engine.pause());
    engine.subscribe(b.cb);
    const running = engine.start(line(null), { detectors: ['det'], expTime: 0 });
    await waitFor(() => engine.state === 'paused', { what: 'the engine to pause' });
    engine.stop();
    expect(await running.done).toMatchObject({ status: 'success', numPoints: 1 });
    expectWellFormed(b.docs, 1);
  });

  it('abort ends as abort with a well-formed stream and exit_status abort', async () => {
    const a = recorder((seq) => seq === 2 && engine.abort('the sample moved'));
    engine.subscribe(a.cb);
    const r = await engine.run(line(50), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'abort', reason: 'the sample moved', numPoints: 2 });
    expectWellFormed(a.docs, 2);
    expect(a.docs.at(-1)!.doc).toMatchObject({ exit_status: 'abort', reason: 'the sample moved' });
  });

  it('abort interrupts the point in progress at once (a 600 s exposure) and discards it', async () => {
    const a = recorder();
    engine.subscribe(a.cb);
    const running = engine.start(line(3), { detectors: ['det'], expTime: 600 });
    await waitFor(() => a.docs.some((d) => d.name === 'descriptor'), { what: 'the descriptor' });
    engine.abort();
    const r = await running.done;
    expect(r).toMatchObject({ status: 'abort', numPoints: 0 });
    expect(r.elapsed).toBeLessThan(60); // not the 600 s exposure
    expectWellFormed(a.docs, 0);
  });

  it('refuses control when idle, and a second scan while one runs', async () => {
    expect(() => engine.pause()).toThrow(/No scan is running/);
    expect(() => engine.abort()).toThrow(/No scan is running/);
    const running = engine.start(line(null), { detectors: ['det'], expTime: 0.01 });
    expect(() => engine.start(line(2), { detectors: ['det'], expTime: 0 })).toThrow(/still running/);
    engine.abort();
    expect((await running.done).status).toBe('abort');
  });
});

describe('a subscriber that fails', () => {
  it('throws: the scan ends as fail with its error, the others still get every document and stop, the next scan runs', async () => {
    let broken = true;
    engine.subscribe((d) => {
      if (broken && d.name === 'event' && d.doc.seq_num === 2) throw new Error('disk full: /data/x.h5');
    });
    const other = recorder();
    engine.subscribe(other.cb);
    const r = await engine.run(line(100), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'fail', reason: 'disk full: /data/x.h5', numPoints: 2 });
    // The subscriber after the failing one got point 2 too, and the stop document that closes the run.
    expectWellFormed(other.docs, 2);
    expect(other.docs.at(-1)!.doc).toMatchObject({ exit_status: 'fail', reason: 'disk full: /data/x.h5' });
    expect(engine.state).toBe('idle');
    broken = false;
    other.docs.length = 0;
    expect(await engine.run(line(3), { detectors: ['det'], expTime: 0 })).toMatchObject({ status: 'success', numPoints: 3 });
    expectWellFormed(other.docs, 3);
  });

  it('rejects: the same, with the rejection as the reason', async () => {
    engine.subscribe((d) => (d.name === 'event' && d.doc.seq_num === 1 ? Promise.reject(new Error('catalog locked')) : undefined));
    const other = recorder();
    engine.subscribe(other.cb);
    const r = await engine.run(line(1000), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'fail', reason: 'catalog locked' });
    expect(r.numPoints).toBeLessThan(1000);
    expectWellFormed(other.docs, r.numPoints);
  });

  it('never answers: it is logged, not waited for again, still gets every document, and the scan succeeds', async () => {
    engine.subscriberTimeoutMs = 200;
    const stuck = recorder();
    engine.subscribe((d) => {
      stuck.cb(d);
      return new Promise<void>(() => undefined);
    });
    const r = await engine.run(line(300), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'success', numPoints: 300 });
    expectWellFormed(stuck.docs, 300);
    expect(logs.some((m) => /did not respond|did not finish/.test(m))).toBe(true);
  });
});

describe('backpressure', () => {
  it('holds the next point until the promise settles, then goes on', async () => {
    let release!: () => void;
    const a = recorder();
    engine.subscribe((d) => {
      a.cb(d);
      if (d.name === 'event' && d.doc.seq_num === 2) return backpressure(new Promise<void>((r) => (release = r)));
    });
    const running = engine.start(line(5), { detectors: ['det'], expTime: 0 });
    await waitFor(() => logs.some((m) => /queue is full/.test(m)), { what: 'the engine to say it waits for the writer' });
    expect(seqs(a.docs)).toEqual([1, 2]);
    release();
    expect(await running.done).toMatchObject({ status: 'success', numPoints: 5 });
    expectWellFormed(a.docs, 5);
  });

  it('a promise that never settles fails the scan after the timeout, with a reason that says why', async () => {
    engine.subscriberTimeoutMs = 200;
    engine.subscribe((d) => (d.name === 'event' && d.doc.seq_num === 1 ? backpressure(new Promise<void>(() => undefined)) : undefined));
    const r = await engine.run(line(5), { detectors: ['det'], expTime: 0 });
    expect(r).toMatchObject({ status: 'fail', numPoints: 1 });
    expect(r.reason).toMatch(/file writer accepted no data/);
  });
});
