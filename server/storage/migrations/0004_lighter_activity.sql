-- Lanyard schema 4: the activity log without an index entry per row for each log it does not
-- refer to. Schema 2 declared each log reference UNIQUE, which indexes NULLs too, so every check-in
-- wrote four activity index entries of which three were NULL; partial unique indexes keep the
-- guarantee (at most one activity per log row) with one entry. Nothing reads through them.
-- The log tables' triggers name the table, so they are dropped and made again around the rebuild.

DROP TRIGGER check_in_activity;
DROP TRIGGER badge_print_activity;
DROP TRIGGER kiosk_status_activity;
DROP TRIGGER import_run_activity;

CREATE TABLE activity_v4 (
  id INTEGER PRIMARY KEY,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 9),
  time_us INTEGER NOT NULL,
  device_id INTEGER REFERENCES device (id),
  delegate_id INTEGER REFERENCES delegate (id),
  check_in_id INTEGER REFERENCES check_in (id),
  badge_print_id INTEGER REFERENCES badge_print (id),
  kiosk_status_id INTEGER REFERENCES kiosk_status (id),
  import_run_id INTEGER REFERENCES import_run (id)
);
INSERT INTO activity_v4 (id, kind, time_us, device_id, delegate_id, check_in_id, badge_print_id, kiosk_status_id,
                         import_run_id)
SELECT id, kind, time_us, device_id, delegate_id, check_in_id, badge_print_id, kiosk_status_id, import_run_id
FROM activity ORDER BY id;
DROP TABLE activity;
ALTER TABLE activity_v4 RENAME TO activity;

CREATE UNIQUE INDEX activity_check_in ON activity (check_in_id) WHERE check_in_id IS NOT NULL;
CREATE UNIQUE INDEX activity_badge_print ON activity (badge_print_id) WHERE badge_print_id IS NOT NULL;
CREATE UNIQUE INDEX activity_kiosk_status ON activity (kiosk_status_id) WHERE kiosk_status_id IS NOT NULL;
CREATE UNIQUE INDEX activity_import_run ON activity (import_run_id) WHERE import_run_id IS NOT NULL;
CREATE TRIGGER activity_no_update BEFORE UPDATE ON activity
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;
CREATE TRIGGER activity_no_delete BEFORE DELETE ON activity
  BEGIN SELECT RAISE(ABORT, 'the activity log is append-only'); END;

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
