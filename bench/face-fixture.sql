-- bin/bench fixture: one PASSED face verification (purpose WITHDRAWAL) for each synthetic member index in
-- [:first, :last], as the sandbox face provider would leave it after a PASS, usable for the next 5 minutes.
-- Inserting them directly keeps the face provider's round trips out of the admission measurement; the admission
-- itself (Redis hold, budget, the one-statement PostgreSQL write that consumes the verification) is unchanged.
-- Prints "memberIndex faceVerificationId bankCardId" (synthetic member i has card 10,000,000 + i).
-- If a later migration adds NOT NULL columns to face_verification, add them here.
WITH inserted AS (
    INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, certify_url, channel, created_at,
                                   expires_at, passed_at, usable_until)
    SELECT gen_random_uuid(), 10000000 + i, 'WITHDRAWAL', 'PASSED', 'bench-' || gen_random_uuid(),
           'https://face-provider.sandbox/bench', 'APP', now(), now() + INTERVAL '15 minutes', now(),
           now() + INTERVAL '5 minutes'
    FROM generate_series(:first, :last) AS i
    RETURNING id, member_id)
SELECT (member_id - 10000000) || ' ' || id || ' ' || member_id FROM inserted ORDER BY member_id;
