-- A person of the centre's identity provider is one of our members by a stored link: written on her first sign-in
-- from the ID-card number the provider verified (never from a name), read on every later one. One provider account
-- per member and provider: a second account claiming the same member is refused, not linked.
CREATE TABLE member_identity_link (
    issuer     TEXT        NOT NULL,
    subject    TEXT        NOT NULL,
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    linked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject),
    CONSTRAINT member_identity_link_one_per_member UNIQUE (issuer, member_id)
);
-- The first sign-in finds the member by ID number through member_id_number (V21).
