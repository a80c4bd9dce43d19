-- Lanyard schema 5: two index entries fewer for each entrance check-in, each a random page of its
-- index in the next commit. check_in_moves_by_delegate (delegate_id, session_id, id) repeated
-- check_in_by_delegate (delegate_id, id) for the handful of rows a delegate has. Entrance moves
-- (no session) were indexed in check_in_moves_by_session, which only session queries read; a
-- query's `session_id = ?` implies the new WHERE, so SQLite still uses it for them.
DROP INDEX check_in_moves_by_delegate;
DROP INDEX check_in_moves_by_session;
CREATE INDEX check_in_moves_by_session ON check_in (session_id, delegate_id, id)
  WHERE outcome IN (1, 10) AND session_id IS NOT NULL;
