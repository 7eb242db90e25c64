// The Scan panel's keys: Ctrl+Enter (⌘+Enter) starts the scan set up, Escape stops the running one (the shell's
// Escape handler, subscribed before the panel opens, still stops moving motors as in every panel).
import { useEffect, useRef } from 'react';

export function useScanKeys(onStart: () => void, onStop: (() => void) | undefined): void {
  // The latest handlers, without re-subscribing on every render.
  const handlers = useRef({ onStart, onStop });
  handlers.current = { onStart, onStop };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        handlers.current.onStart();
      } else if (e.key === 'Escape' && handlers.current.onStop) {
        e.preventDefault();
        handlers.current.onStop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
