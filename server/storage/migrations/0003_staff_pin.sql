-- Lanyard schema 3: the staff PIN that opens a kiosk's staff mode (reprints, walk-ins).
-- Only domain::hashStaffPin of it is kept; empty while no PIN is set, when kiosks have no staff mode.
ALTER TABLE event ADD COLUMN staff_pin_hash BLOB NOT NULL DEFAULT x'';
