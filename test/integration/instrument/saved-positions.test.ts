// Saved positions through the session's Api and its boundary: a set holds every motor's position, survives a
// restart in <dataDir>/positions-saved.json, "go to" moves every motor of it (or none when one target is out of
// limits), and names that are not names (empty, prototype names) are refused with a sentence.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseArgs } from '../../../src/shared/api.ts';
import { openSession } from '../../../src/main/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'daq-savedpos-'));
const opts = { dataDir: join(dir, 'data'), basePath: join(dir, 'files'), instantMoves: true };

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('saves every motor, lists it after a restart, and goes back to it', async () => {
  const s = await openSession(opts);
  const motors = (await s.api.listDevices()).filter((d) => d.kind === 'motor').map((d) => d.name);
  expect(motors.length).toBeGreaterThan(1);
  await s.api.moveMotor('samx', 0.25);
  await s.api.moveMotor('samy', -0.5);
  const saved = await s.api.savePositions('aligned');
  expect(Object.keys(saved.positions).sort()).toEqual([...motors].sort());
  expect(saved.positions.samx).toBe(0.25);
  expect(saved.positions.samy).toBe(-0.5);
  await s.close();

  const file = JSON.parse(readFileSync(join(opts.dataDir, 'positions-saved.json'), 'utf8')) as { name: string; values: Record<string, number> }[];
  expect(file.map((f) => f.name)).toEqual(['aligned']);

  const t = await openSession(opts);
  try {
    expect((await t.api.listSavedPositions()).map((x) => x.name)).toEqual(['aligned']);
    await t.api.moveMotor('samx', 1);
    await t.api.moveMotor('samy', 1);
    const r = await t.api.gotoSavedPositions('aligned');
    expect(r.missing).toEqual([]);
    expect(r.moved.map((m) => m.name).sort()).toEqual([...motors].sort());
    const pos = Object.fromEntries((await t.api.listDevices()).filter((d) => d.kind === 'motor').map((d) => [d.name, (d as { position: number }).position]));
    expect(pos.samx).toBeCloseTo(0.25, 2);
    expect(pos.samy).toBeCloseTo(-0.5, 2);

    await t.api.deleteSavedPositions('aligned');
    expect(await t.api.listSavedPositions()).toEqual([]);
    await expect(t.api.gotoSavedPositions('aligned')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  } finally {
    await t.close();
  }
});

it('moves nothing when one saved position is outside the limits now', async () => {
  // A hand-edited (or older-config) set: samx within limits, samy far outside.
  writeFileSync(join(opts.dataDir, 'positions-saved.json'), JSON.stringify([{ name: 'far', savedAt: '2026-01-01T00:00:00Z', values: { samx: 0.5, samy: 1e6, gone: 3 } }]));
  const s = await openSession(opts);
  try {
    await s.api.moveMotor('samx', 0);
    await expect(s.api.gotoSavedPositions('far')).rejects.toMatchObject({ code: 'OUT_OF_LIMITS' });
    const samx = (await s.api.getDevice('samx')) as { position: number };
    expect(samx.position).toBeCloseTo(0, 2);
  } finally {
    await s.close();
  }
});

it('refuses names that are not names at the boundary, and never stores a prototype key', () => {
  for (const bad of ['', '   ', '__proto__', 'constructor', 'prototype', '../x', 'a'.repeat(65)]) {
    const r = parseArgs('savePositions', [bad]);
    expect(r.ok, bad).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/savePositions: bad argument 1: .*(name|reserved)/);
  }
  expect(parseArgs('savePositions', ['beam centre 2'])).toMatchObject({ ok: true, args: ['beam centre 2'] });
});

it('moves an unreadable file aside instead of overwriting it', async () => {
  writeFileSync(join(opts.dataDir, 'positions-saved.json'), '{not json');
  const s = await openSession(opts);
  try {
    expect(await s.api.listSavedPositions()).toEqual([]);
    await s.api.savePositions('fresh');
    expect((await s.api.listSavedPositions()).map((x) => x.name)).toEqual(['fresh']);
  } finally {
    await s.close();
  }
  expect(readdirSync(opts.dataDir).some((f) => f.startsWith('positions-saved.json.unreadable-'))).toBe(true);
});

it('sees sets another process saved on the same data dir, and keeps them when it saves its own', async () => {
  const shared = { ...opts, dataDir: join(dir, 'shared') };
  const a = await openSession(shared);
  const b = await openSession(shared);
  try {
    expect(await b.api.listSavedPositions()).toEqual([]);
    await a.api.savePositions('from a');
    expect((await b.api.listSavedPositions()).map((x) => x.name)).toEqual(['from a']);
    await b.api.savePositions('from b');
    expect((await a.api.listSavedPositions()).map((x) => x.name)).toEqual(['from a', 'from b']);
  } finally {
    await a.close();
    await b.close();
  }
});
