// What the running app is (name, version, transport, folders, the base path it started with): asked once, since
// none of it changes while the app runs. The base path in effect is in useSettings.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/api.ts';
import { getBridge } from '../bridge.ts';
import { useReportError } from '../errors.tsx';

/** The app's info (undefined until the answer arrives). */
export function useAppInfo(): AppInfo | undefined {
  const report = useReportError();
  const [info, setInfo] = useState<AppInfo | undefined>();
  useEffect(() => {
    getBridge().api.getAppInfo().then(setInfo, report);
  }, [report]);
  return info;
}
