-- Lanyard schema 9: a delegate's own spelling of their full name in Latin letters (empty for
-- none), searched like their name and printed on their badge beneath a name in another script.
-- And which version of the search terms (domain::kSearchTermsVersion) search_term holds: a
-- server whose terms are newer computes every delegate's again when it opens the event, so a
-- delegate imported before a new spelling was indexed is found by it too. The terms stored so far
-- are version 1.
ALTER TABLE delegate ADD COLUMN latin_name TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN search_terms_version INTEGER NOT NULL DEFAULT 1;
