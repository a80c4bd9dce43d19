-- Lanyard schema 1: one event per database file.
-- Times are INTEGER UTC microseconds since the epoch. Nothing is ever updated in or deleted from
-- check_in or badge_print: counts are derived from them.

CREATE TABLE event (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  venue TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  default_language TEXT NOT NULL,
  signing_seed BLOB NOT NULL,
  public_key BLOB NOT NULL,
  name_check_in_proof TEXT NOT NULL,
  session_grace_minutes INTEGER NOT NULL,
  created_us INTEGER NOT NULL
);

CREATE TABLE category (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  colour TEXT NOT NULL
);

CREATE TABLE delegate (
  id INTEGER PRIMARY KEY,
  external_ref TEXT NOT NULL UNIQUE,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  organisation TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  category TEXT NOT NULL REFERENCES category (name),
  email TEXT NOT NULL,
  language TEXT NOT NULL,
  notes TEXT NOT NULL,
  status INTEGER NOT NULL CHECK (status IN (1, 2)),
  external_ticket_code TEXT,
  badge_version INTEGER NOT NULL CHECK (badge_version >= 1),
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL
);
CREATE UNIQUE INDEX delegate_ticket_code ON delegate (external_ticket_code)
  WHERE external_ticket_code IS NOT NULL;

-- Folded name words (see domain/search_key.h) for prefix search; weight 2 for names, 1 for the
-- organisation and city.
CREATE TABLE search_term (
  term TEXT NOT NULL,
  delegate_id INTEGER NOT NULL REFERENCES delegate (id),
  weight INTEGER NOT NULL,
  PRIMARY KEY (term, delegate_id)
) WITHOUT ROWID;
CREATE INDEX search_term_delegate ON search_term (delegate_id);

CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  external_ref TEXT UNIQUE,
  title TEXT NOT NULL,
  room TEXT NOT NULL,
  start_us INTEGER NOT NULL,
  end_us INTEGER NOT NULL CHECK (end_us >= start_us),
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  registration_required INTEGER NOT NULL CHECK (registration_required IN (0, 1))
);

CREATE TABLE registration (
  session_id INTEGER NOT NULL REFERENCES session (id),
  delegate_id INTEGER NOT NULL REFERENCES delegate (id),
  PRIMARY KEY (session_id, delegate_id)
) WITHOUT ROWID;
CREATE INDEX registration_delegate ON registration (delegate_id);

CREATE TABLE device (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role INTEGER NOT NULL CHECK (role IN (1, 2, 3)),
  token_hash BLOB NOT NULL UNIQUE,
  created_us INTEGER NOT NULL,
  revoked_us INTEGER
);

-- Every scan and name check-in, whatever its outcome. session_id NULL is the venue entrance;
-- delegate_id NULL is a code that resolved to nobody. outcome uses domain::CheckInOutcome values;
-- 1 (admitted) and 10 (checked out) are the rows that move people.
CREATE TABLE check_in (
  id INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES device (id),
  request_id TEXT NOT NULL,
  delegate_id INTEGER REFERENCES delegate (id),
  session_id INTEGER REFERENCES session (id),
  direction INTEGER NOT NULL CHECK (direction IN (1, 2)),
  outcome INTEGER NOT NULL,
  scan_time_us INTEGER NOT NULL,
  server_time_us INTEGER NOT NULL,
  event_day INTEGER NOT NULL,
  scanned_code TEXT,
  previous_id INTEGER REFERENCES check_in (id),
  reentry INTEGER NOT NULL CHECK (reentry IN (0, 1)),
  left_session_id INTEGER REFERENCES session (id),
  UNIQUE (device_id, request_id)
);
CREATE INDEX check_in_moves_by_delegate ON check_in (delegate_id, session_id, id)
  WHERE outcome IN (1, 10);
CREATE INDEX check_in_moves_by_session ON check_in (session_id, delegate_id, id)
  WHERE outcome IN (1, 10);
CREATE INDEX check_in_wrong_proof_by_delegate ON check_in (delegate_id, server_time_us)
  WHERE outcome = 12;
CREATE INDEX check_in_wrong_proof_by_device ON check_in (device_id, server_time_us)
  WHERE outcome = 12;
CREATE INDEX check_in_by_delegate ON check_in (delegate_id, id);
CREATE TRIGGER check_in_no_update BEFORE UPDATE ON check_in
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER check_in_no_delete BEFORE DELETE ON check_in
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;

CREATE TABLE badge_print (
  id INTEGER PRIMARY KEY,
  delegate_id INTEGER NOT NULL REFERENCES delegate (id),
  device_id INTEGER NOT NULL REFERENCES device (id),
  badge_version INTEGER NOT NULL,
  success INTEGER NOT NULL CHECK (success IN (0, 1)),
  error TEXT NOT NULL,
  printer TEXT NOT NULL,
  client_time_us INTEGER NOT NULL,
  server_time_us INTEGER NOT NULL
);
CREATE INDEX badge_print_delegate ON badge_print (delegate_id, id);
CREATE TRIGGER badge_print_no_update BEFORE UPDATE ON badge_print
  BEGIN SELECT RAISE(ABORT, 'the badge print log is append-only'); END;
CREATE TRIGGER badge_print_no_delete BEFORE DELETE ON badge_print
  BEGIN SELECT RAISE(ABORT, 'the badge print log is append-only'); END;
