-- The demo members' employers (缴存单位), named on their deposit certificates. Idempotent. Member 3 (sealed) keeps
-- the employer she left; the others deposit through theirs now.
INSERT INTO member_employer (member_id, employer_id, since) VALUES
    (1, 2, DATE '2016-03-01'),
    (2, 4, DATE '2019-07-01'),
    (3, 6, DATE '2018-09-01'),
    (4, 3, DATE '2015-05-01'),
    (5, 5, DATE '2006-01-01'),
    (6, 2, DATE '2017-11-01'),
    (7, 1, DATE '2020-04-01'),
    (8, 6, DATE '2021-10-01')
ON CONFLICT DO NOTHING;
