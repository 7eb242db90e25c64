// What every panel receives from the shell.
import type { AppInfo } from '../../shared/api.ts';

export interface PanelProps {
  info: AppInfo | undefined;
}
