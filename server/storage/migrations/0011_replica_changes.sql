-- Lanyard schema 11: the change log that kiosks' replicas are fed from (domain/replica_store.h).
-- changed_seq is the sequence of the last change to a row that a replica holds: the activity
-- sequence of the write times 2^20 (plus a count of writes without an activity since, the badge
-- sealer's). Triggers set it for check-ins and check-outs (outcomes 1 and 10), successful badge
-- prints and the help desk's actions on delegates (activity kinds 3 to 6); imports set it
-- themselves for the rows they change. Rows stored so far are at the newest activity.
ALTER TABLE delegate ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE session ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
UPDATE delegate SET changed_seq = (SELECT COALESCE(MAX(id), 0) FROM activity) << 20;
UPDATE session SET changed_seq = (SELECT COALESCE(MAX(id), 0) FROM activity) << 20;
CREATE INDEX delegate_changed ON delegate (changed_seq, id);
CREATE INDEX session_changed ON session (changed_seq, id);

-- What the badge sealer prepared for a delegate's replica row (domain::ReplicaMaterial): search
-- terms as text separated by spaces, and the sealed badge (domain/badge_seal.h). A write that changes what it was made from deletes it.
CREATE TABLE replica_material (
  delegate_id INTEGER PRIMARY KEY REFERENCES delegate (id),
  name_terms TEXT NOT NULL,
  affiliation_terms TEXT NOT NULL,
  sealed_badge BLOB NOT NULL
);

-- The activity just logged is the newest: one writer, and activity.id takes MAX(id) + 1.
DROP TRIGGER check_in_activity;
CREATE TRIGGER check_in_activity AFTER INSERT ON check_in
  BEGIN
    INSERT INTO activity (kind, time_us, device_id, delegate_id, check_in_id)
    VALUES (1, NEW.server_time_us, NEW.device_id, NEW.delegate_id, NEW.id);
    UPDATE delegate SET changed_seq = (SELECT MAX(id) FROM activity) << 20
    WHERE id = NEW.delegate_id AND NEW.outcome IN (1, 10);
  END;
DROP TRIGGER badge_print_activity;
CREATE TRIGGER badge_print_activity AFTER INSERT ON badge_print
  BEGIN
    INSERT INTO activity (kind, time_us, device_id, delegate_id, badge_print_id)
    VALUES (2, NEW.server_time_us, NEW.device_id, NEW.delegate_id, NEW.id);
    UPDATE delegate SET changed_seq = (SELECT MAX(id) FROM activity) << 20
    WHERE id = NEW.delegate_id AND NEW.success = 1;
  END;
CREATE TRIGGER delegate_activity_changes AFTER INSERT ON activity WHEN NEW.kind BETWEEN 3 AND 6
  BEGIN
    UPDATE delegate SET changed_seq = NEW.id << 20 WHERE id = NEW.delegate_id;
  END;
