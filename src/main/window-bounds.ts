// The main window's size and position, kept in the settings (ui.layout.window) so the app reopens where it was.
// A saved position that is no longer on any screen is dropped (the window opens centred).
import { z } from 'zod';
import type { SettingsStore } from './settings.ts';

const Bounds = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(400).max(20_000), height: z.number().int().min(300).max(20_000), maximized: z.boolean().default(false) });
export type WindowBounds = z.infer<typeof Bounds>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The saved bounds, if they still fit (at least partly) on one of the screens' work areas. */
export function savedBounds(settings: SettingsStore, screens: Area[]): WindowBounds | undefined {
  const parsed = Bounds.safeParse(settings.current.ui.layout.window);
  if (!parsed.success) return undefined;
  const b = parsed.data;
  const visible = screens.some((s) => b.x < s.x + s.width - 50 && b.x + b.width > s.x + 50 && b.y < s.y + s.height - 50 && b.y + b.height > s.y);
  return visible ? b : { ...b, x: screens[0]?.x ?? 0, y: screens[0]?.y ?? 0 };
}

export function saveBounds(settings: SettingsStore, b: WindowBounds): void {
  settings.update({ ui: { layout: { window: Bounds.parse(b) } } });
}
