-- Keyed audit seals. A plain hash chain can be rewritten by whoever can write the tables: edit a row, recompute
-- every seal from there to the end, and the chain holds again. Each seal now carries an HMAC-SHA256 (mac) under a
-- key from the application's configuration, which the database never holds, and the id of that key (key_id), so
-- that seals made under a retired key stay verifiable while the key is still configured as retired.
--
-- The unkeyed seals are set aside, not keyed afterwards: keying them now would certify whatever they hold today.
-- They stay in audit_seal_unkeyed (append-only as before) for a comparison with the new chain, which starts again
-- from the first row, so every row ends up under a keyed seal.
ALTER TABLE audit_seal RENAME TO audit_seal_unkeyed;
ALTER TABLE audit_seal_unkeyed RENAME CONSTRAINT audit_seal_pkey TO audit_seal_unkeyed_pkey;

CREATE TABLE audit_seal (LIKE audit_seal_unkeyed INCLUDING ALL);
-- The configured key that made mac (hpf.audit.seal-key-id), and HMAC-SHA256 over the key id, the seal's id and hash.
ALTER TABLE audit_seal ADD COLUMN key_id TEXT NOT NULL, ADD COLUMN mac TEXT NOT NULL;

CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
