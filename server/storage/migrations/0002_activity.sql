-- Lanyard schema 2: the activity log behind the live attendance feed.
-- activity.id is the feed's sequence number: strictly increasing in commit order (one writer
-- thread, and an INTEGER PRIMARY KEY takes max(id) + 1, so nothing that rolled back leaves a
-- gap). Rows of the log tables (check_in, badge_print, kiosk_status, import_run) get their
-- activity from a trigger, in the same transaction; the store adds the help desk's actions on
-- delegates itself. Like the other logs, nothing is ever updated in or deleted from these tables.

-- A kiosk's printer status as its heartbeats reported it: changes, and a keep-alive now and then.
-- printer_status uses domain::PrinterStatus values.
CREATE TABLE kiosk_status (
  id INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES device (id),
  printer_status INTEGER NOT NULL CHECK (printer_status BETWEEN 0 AND 4),
  detail TEXT NOT NULL,
  server_time_us INTEGER NOT NULL
);
CREATE INDEX kiosk_status_device ON kiosk_status (device_id, id);
CREATE TRIGGER kiosk_status_no_update BEFORE UPDATE ON kiosk_status
  BEGIN SELECT RAISE(ABORT, 'the kiosk status log is append-only'); END;
CREATE TRIGGER kiosk_status_no_delete BEFORE DELETE ON kiosk_status
  BEGIN SELECT RAISE(ABORT, 'the kiosk status log is append-only'); END;

-- One row per import: what = 1 for delegates, 2 for sessions.
CREATE TABLE import_run (
  id INTEGER PRIMARY KEY,
  what INTEGER NOT NULL CHECK (what IN (1, 2)),
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  registrations INTEGER NOT NULL,
  server_time_us INTEGER NOT NULL
);
CREATE TRIGGER import_run_no_update BEFORE UPDATE ON import_run
  BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;
CREATE TRIGGER import_run_no_delete BEFORE DELETE ON import_run
  BEGIN SELECT RAISE(ABORT, 'the import log is append-only'); END;

-- kind uses domain::ActivityKind values; at most one of the log references is set, matching it.
CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 9),
  time_us INTEGER NOT NULL,
  device_id INTEGER REFERENCES device (id),
  delegate_id INTEGER REFERENCES delegate (id),
  check_in_id INTEGER UNIQUE REFERENCES check_in (id),
  badge_print_id INTEGER UNIQUE REFERENCES badge_print (id),
  kiosk_status_id INTEGER UNIQUE REFERENCES kiosk_status (id),
  import_run_id INTEGER UNIQUE REFERENCES import_run (id)
);
CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;
CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;

-- What a schema 1 file logged, in the order it was logged.
INSERT INTO activity (kind, time_us, device_id, delegate_id, check_in_id, badge_print_id)
SELECT kind, time_us, device_id, delegate_id, check_in_id, badge_print_id FROM (
  SELECT 1 AS kind, server_time_us AS time_us, device_id, delegate_id, id AS check_in_id, NULL AS badge_print_id
  FROM check_in
  UNION ALL
  SELECT 2, server_time_us, device_id, delegate_id, NULL, id FROM badge_print)
ORDER BY time_us, kind, check_in_id, badge_print_id;

CREATE TRIGGER check_in_activity AFTER INSERT ON check_in
  BEGIN
    INSERT INTO activity (kind, time_us, device_id, delegate_id, check_in_id)
    VALUES (1, NEW.server_time_us, NEW.device_id, NEW.delegate_id, NEW.id);
  END;
CREATE TRIGGER badge_print_activity AFTER INSERT ON badge_print
  BEGIN
    INSERT INTO activity (kind, time_us, device_id, delegate_id, badge_print_id)
    VALUES (2, NEW.server_time_us, NEW.device_id, NEW.delegate_id, NEW.id);
  END;
CREATE TRIGGER kiosk_status_activity AFTER INSERT ON kiosk_status
  BEGIN
    INSERT INTO activity (kind, time_us, device_id, kiosk_status_id)
    VALUES (9, NEW.server_time_us, NEW.device_id, NEW.id);
  END;
CREATE TRIGGER import_run_activity AFTER INSERT ON import_run
  BEGIN
    INSERT INTO activity (kind, time_us, import_run_id)
    VALUES (CASE NEW.what WHEN 1 THEN 7 ELSE 8 END, NEW.server_time_us, NEW.id);
  END;
