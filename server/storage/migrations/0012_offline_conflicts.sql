-- Lanyard schema 12: check-ins a kiosk decided offline and uploaded later (docs/api.md, "Offline
-- uploads"). For those, scan_time_us is the time of the scan the server decided at (no later than
-- server_time_us, the upload), and a conflict is recorded where the server would have refused the
-- kiosk's admission or check-out. kind is domain::ConflictKind; the outcomes are
-- domain::CheckInOutcome; earlier_check_in_id is, for kind 1 (admitted twice), the admission logged
-- first. seen_* say who marked it seen, and when; NULL while unseen.
ALTER TABLE check_in ADD COLUMN offline INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1));

CREATE TABLE conflict (
  id INTEGER PRIMARY KEY,
  check_in_id INTEGER NOT NULL UNIQUE REFERENCES check_in (id),
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 6),
  kiosk_outcome INTEGER NOT NULL,
  server_outcome INTEGER NOT NULL,
  earlier_check_in_id INTEGER REFERENCES check_in (id),
  seen_device_id INTEGER REFERENCES device (id),
  seen_time_us INTEGER,
  CHECK ((seen_device_id IS NULL) = (seen_time_us IS NULL))
);
CREATE INDEX conflict_unseen ON conflict (id) WHERE seen_time_us IS NULL;
