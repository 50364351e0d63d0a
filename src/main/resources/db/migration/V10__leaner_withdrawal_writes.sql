-- Peak admission is bound by PostgreSQL's CPU and WAL per withdrawal (docs/performance.md). Two of the withdrawal's
-- indexes guarded nothing that another structure does not already guard:
--  * a face verification authorizes one withdrawal only: the admission statement consumes it (status PASSED →
--    CONSUMED under its row lock) and face_verification_consumed_by_key keeps consumed_by unique. The foreign key
--    from withdrawal stays; it needs no index on this side (verifications are never deleted).
--  * a member's history in one category (the admission context, the caps) is a handful of rows found through
--    withdrawal_member (member_id, created_at DESC, id DESC) and filtered there.
ALTER TABLE withdrawal DROP CONSTRAINT withdrawal_face_verification_id_key;
DROP INDEX withdrawal_member_category;
