// The keyboard shortcuts on one card, opened with "?" or F1 (or the ? button), closed with Escape or a click
// outside. Kept as a list of facts so it stays in step with docs/user-guide.md.
import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['Ctrl+1 … Ctrl+5', 'Viewer, Scan, History, Browser, Settings'],
  ['← / → on the tab bar', 'previous / next panel'],
  ['Escape', 'stop every moving motor (any panel); in the Scan panel also finish the running scan'],
  ['Enter in a setpoint', 'move the motor; +1, +=1 or -=1 move relative to the setpoint'],
  ['Ctrl+Enter', 'start the scan (Scan panel)'],
  ['← / → on a pane divider', 'resize the panes (or drag the divider)'],
  ['Mouse wheel on an image', 'zoom; drag to pan; Reset view to go back'],
  ['? or F1', 'this list'],
];

/** True when a key typed goes into a text field (a "?" typed there is text, not a command). */
function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function useHelpKey(toggle: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1' || (e.key === '?' && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey)) {
        e.preventDefault();
        toggle();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
}

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        // Closing the card is all this Escape does (it does not also stop motors or a scan).
        e.preventDefault();
        e.stopImmediatePropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="help-backdrop" onClick={onClose}>
      <div className="help-card" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" tabIndex={-1} ref={card} onClick={(e) => e.stopPropagation()} data-testid="shortcut-help">
        <h2>Keyboard shortcuts</h2>
        <table className="grid kv">
          <tbody>
            {SHORTCUTS.map(([k, v]) => (
              <tr key={k}>
                <th>
                  <kbd>{k}</kbd>
                </th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Hover over a control for what it does; greyed-out buttons say what they need.</p>
        <button onClick={onClose}>Close (Escape)</button>
      </div>
    </div>
  );
}
