// The catalog's schema and its migrations. `PRAGMA user_version` holds the version; a catalog written by a newer
// DAQ Studio is refused rather than misread.
export const SCHEMA_VERSION = 1;

export const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE scans (
      uid          TEXT PRIMARY KEY,
      scan_number  INTEGER NOT NULL,
      plan_name    TEXT NOT NULL,
      title        TEXT NOT NULL DEFAULT '',
      status       TEXT NOT NULL,              -- running | finished
      exit_status  TEXT,                       -- success | abort | fail (NULL while running)
      reason       TEXT NOT NULL DEFAULT '',
      start_time   REAL NOT NULL,              -- UTC epoch seconds
      end_time     REAL,
      num_points   INTEGER,
      file         TEXT NOT NULL DEFAULT '',
      entry        TEXT NOT NULL DEFAULT '',
      motors       TEXT NOT NULL DEFAULT '[]', -- JSON array
      detectors    TEXT NOT NULL DEFAULT '[]', -- JSON array
      md           TEXT NOT NULL DEFAULT '{}', -- JSON object (user and session metadata)
      sample       TEXT NOT NULL DEFAULT '',
      plan_args    TEXT NOT NULL DEFAULT '{}',
      seed         INTEGER
    );
    CREATE INDEX scans_by_time ON scans(start_time, scan_number);
    CREATE INDEX scans_by_number ON scans(scan_number);
    CREATE INDEX scans_by_plan_time ON scans(plan_name, start_time);
    CREATE INDEX scans_by_sample ON scans(sample);
    CREATE INDEX scans_by_status ON scans(exit_status);
    CREATE TABLE scan_devices (
      uid    TEXT NOT NULL REFERENCES scans(uid) ON DELETE CASCADE,
      device TEXT NOT NULL,
      role   TEXT NOT NULL                     -- motor | detector
    );
    CREATE INDEX scan_devices_by_device ON scan_devices(device, role, uid);
    CREATE INDEX scan_devices_by_uid ON scan_devices(uid);
  `,
};
