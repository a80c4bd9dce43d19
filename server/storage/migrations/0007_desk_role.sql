-- Lanyard schema 7: device tokens for the help desk (domain::Role::Desk = 4). A CHECK constraint
-- changes only by rebuilding its table; the migration runs with foreign keys off, so the log
-- tables that refer to device keep their rows, and it checks every reference before committing.

CREATE TABLE device_v7 (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role INTEGER NOT NULL CHECK (role IN (1, 2, 3, 4)),
  token_hash BLOB NOT NULL UNIQUE,
  created_us INTEGER NOT NULL,
  revoked_us INTEGER
);
INSERT INTO device_v7 (id, name, role, token_hash, created_us, revoked_us)
SELECT id, name, role, token_hash, created_us, revoked_us FROM device ORDER BY id;
DROP TABLE device;
ALTER TABLE device_v7 RENAME TO device;
