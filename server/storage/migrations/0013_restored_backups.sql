-- Lanyard schema 13: each time `lanyard-server restore` put a backup in place of the event file.
-- Kiosks' replica cursors name the event and how many restores it has had, so that a cursor from
-- before the latest restore, which may have seen changes the backup does not hold, is refused and
-- the kiosk copies the event again (rpc/replica_cursor.h).
CREATE TABLE restored_backup (
  id INTEGER PRIMARY KEY,
  restored_us INTEGER NOT NULL,
  backup_newest_activity INTEGER NOT NULL
);
