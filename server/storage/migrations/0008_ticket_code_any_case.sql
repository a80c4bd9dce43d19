-- Lanyard schema 8: an imported ticket code matches whatever the case of its letters, because a
-- kiosk's scanner with Caps Lock on types a code in the wrong case. So two codes differing only in
-- the case of ASCII letters can no longer both be stored. The length index answers "how long is
-- the shortest ticket code" (GetEvent, at every kiosk's start) with one seek instead of a scan.
DROP INDEX delegate_ticket_code;
CREATE UNIQUE INDEX delegate_ticket_code ON delegate (external_ticket_code COLLATE NOCASE)
  WHERE external_ticket_code IS NOT NULL;
CREATE INDEX delegate_ticket_code_length ON delegate (length(external_ticket_code))
  WHERE external_ticket_code IS NOT NULL;
