-- Lanyard schema 10: each delegate's record version, 1 when created and one more with every change
-- to the row (a correction, a cancellation, a reinstatement, a badge reissue, an import that
-- changes it). A correction names the version it was made from and is refused if the record has
-- changed since, so two help desks correcting one delegate cannot overwrite each other. Delegates
-- stored so far are at version 1.
ALTER TABLE delegate ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
