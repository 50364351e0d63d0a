-- The sandbox transfer platform's accounts at other centres, for the demo members who moved here (transfer-in).
-- Seeded once: a demo transfer empties an account, and POST /sandbox/transfer-platform/origin-accounts refills it.
INSERT INTO sandbox_transfer_account (centre_code, account_no, id_number, name, balance_fen, frozen) VALUES
    -- 李娜 worked in Shanghai before moving here: the whole balance transfers in.
    ('310000', 'SH0012345678', '330109199502284321', '李娜', 5230000, FALSE),
    -- 孙丽's Beijing account is frozen there: rejected with ORIGIN_ACCOUNT_FROZEN.
    ('110000', 'BJ0087654321', '330105199307212580', '孙丽', 1860000, TRUE),
    -- 张伟's old Nanjing account was already emptied: rejected with NOTHING_TO_TRANSFER.
    ('320100', 'NJ0000000001', '330106198805121234', '张伟', 0, FALSE)
ON CONFLICT DO NOTHING;
