// The error banner: every refused call ends here as a readable sentence with the error code.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { ApiError } from './bridge.ts';

export interface Shown {
  code: string;
  message: string;
}

const Ctx = createContext<(err: unknown) => void>(() => undefined);

export function useReportError(): (err: unknown) => void {
  return useContext(Ctx);
}

export function ErrorBanner({ children }: { children: ReactNode }) {
  const [error, setError] = useState<Shown | undefined>();
  const report = useCallback((err: unknown) => {
    if (err instanceof ApiError) setError({ code: err.code, message: err.message });
    else setError({ code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }, []);
  return (
    <Ctx.Provider value={report}>
      {error && (
        <div className="banner" role="alert" data-testid="error-banner">
          <span className="banner-code">{error.code}</span>
          <span className="banner-message">{error.message}</span>
          <button className="banner-close" aria-label="Dismiss" onClick={() => setError(undefined)}>
            ×
          </button>
        </div>
      )}
      {children}
    </Ctx.Provider>
  );
}
