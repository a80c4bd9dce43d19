-- Lanyard schema 6: which details of a delegate the help desk corrected (domain::DelegateField
-- bits), so that re-importing the registration system's export does not undo them.
ALTER TABLE delegate ADD COLUMN corrected_fields INTEGER NOT NULL DEFAULT 0;
