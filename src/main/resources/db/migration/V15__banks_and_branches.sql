-- The banks members deal with for their HPF loans (就近办): the entrusted loan banks (委贷银行) that handle loan
-- applications, the banks that sign the monthly transfer from the HPF balance to the loan (按月转账), and their
-- branches, found nearest first like the outlets (hpf_earth_point, cube's <->).

-- btree_gist lets one GiST index hold the bank code beside the earth point, so "this bank's branches, nearest
-- first" reads only that bank's nearest entries. Trusted, like cube: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bank (
    code       TEXT PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name       TEXT     NOT NULL,
    -- The order of the list when the caller gives no location.
    sort_order SMALLINT NOT NULL
);

-- LOAN: an entrusted loan bank (委贷银行); MONTHLY_TRANSFER: signs the monthly transfer to the loan (按月转账).
CREATE TABLE bank_role (
    bank_code TEXT NOT NULL REFERENCES bank (code),
    role      TEXT NOT NULL CHECK (role IN ('LOAN', 'MONTHLY_TRANSFER')),
    PRIMARY KEY (bank_code, role)
);
CREATE INDEX bank_role_by_role ON bank_role (role, bank_code);

CREATE TABLE bank_branch (
    id        TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    bank_code TEXT             NOT NULL REFERENCES bank (code),
    name      TEXT             NOT NULL,
    address   TEXT             NOT NULL,
    lat       DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng       DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180),
    location  cube             GENERATED ALWAYS AS (hpf_earth_point(lat, lng)) STORED
);
-- Index condition bank_code = …, order by location <-> here: a bank's nearest branches without reading the others.
CREATE INDEX bank_branch_nearest ON bank_branch USING gist (bank_code, location);
-- A bank's branches in a fixed order when the caller gives no location (and the foreign key's lookups).
CREATE INDEX bank_branch_by_bank ON bank_branch (bank_code, id);

INSERT INTO bank (code, name, sort_order) VALUES
    ('ICBC',  '中国工商银行',         1),
    ('ABC',   '中国农业银行',         2),
    ('BOC',   '中国银行',             3),
    ('CCB',   '中国建设银行',         4),
    ('BOCOM', '交通银行',             5),
    ('PSBC',  '中国邮政储蓄银行',     6),
    ('XSRCB', '浙江萧山农村商业银行', 7),
    ('HZB',   '杭州银行',             8),
    ('CMB',   '招商银行',             9),
    ('CITIC', '中信银行',            10),
    ('SPDB',  '上海浦东发展银行',    11),
    ('CIB',   '兴业银行',            12),
    ('CZB',   '浙商银行',            13),
    ('CMBC',  '中国民生银行',        14),
    ('CEB',   '中国光大银行',        15),
    ('HXB',   '华夏银行',            16),
    ('PAB',   '平安银行',            17);

-- 12 entrusted loan banks; all 17 sign the monthly transfer (a loan bank does it for the loans it handles).
INSERT INTO bank_role (bank_code, role)
SELECT code, 'LOAN' FROM bank
WHERE code IN ('ICBC', 'ABC', 'BOC', 'CCB', 'BOCOM', 'PSBC', 'XSRCB', 'HZB', 'CMB', 'CITIC', 'SPDB', 'CIB')
UNION ALL
SELECT code, 'MONTHLY_TRANSFER' FROM bank;

-- 34 branches in Xiaoshan district: the town centre along 市心路, 人民路 and 金城路, the economic development zone,
-- 钱江世纪城 and the towns (瓜沥, 临浦, 衙前, 义桥, 闻堰). Demo data: real roads, illustrative house numbers.
INSERT INTO bank_branch (id, bank_code, name, address, lat, lng) VALUES
    ('icbc-01',  'ICBC',  '工商银行萧山支行营业室',       '杭州市萧山区市心中路 818 号',                  30.16880, 120.26700),
    ('icbc-02',  'ICBC',  '工商银行萧山城厢支行',         '杭州市萧山区城厢街道萧然南路 88 号',           30.15500, 120.26200),
    ('icbc-03',  'ICBC',  '工商银行萧山瓜沥支行',         '杭州市萧山区瓜沥镇航坞路 520 号',              30.21380, 120.45800),
    ('abc-01',   'ABC',   '农业银行萧山支行营业部',       '杭州市萧山区市心中路 658 号',                  30.17300, 120.26680),
    ('abc-02',   'ABC',   '农业银行萧山临浦支行',         '杭州市萧山区临浦镇东藩路 155 号',              30.06720, 120.25320),
    ('abc-03',   'ABC',   '农业银行萧山宁围支行',         '杭州市萧山区宁围街道市心北路 1366 号',         30.21450, 120.27420),
    ('boc-01',   'BOC',   '中国银行萧山分行营业部',       '杭州市萧山区人民路 189 号',                    30.16450, 120.27120),
    ('boc-02',   'BOC',   '中国银行萧山钱江世纪城支行',   '杭州市萧山区宁围街道民和路 501 号',            30.23720, 120.27450),
    ('ccb-01',   'CCB',   '建设银行萧山支行营业部',       '杭州市萧山区市心中路 398 号',                  30.16680, 120.26750),
    ('ccb-02',   'CCB',   '建设银行萧山经济技术开发区支行', '杭州市萧山区建设一路 66 号',                 30.19850, 120.28600),
    ('ccb-03',   'CCB',   '建设银行萧山瓜沥支行',         '杭州市萧山区瓜沥镇东灵路 208 号',              30.21650, 120.46550),
    ('bocom-01', 'BOCOM', '交通银行萧山支行',             '杭州市萧山区金城路 358 号',                    30.17850, 120.26980),
    ('bocom-02', 'BOCOM', '交通银行萧山新塘支行',         '杭州市萧山区新塘街道萧绍路 1088 号',           30.17900, 120.30400),
    ('psbc-01',  'PSBC',  '邮储银行萧山区支行营业部',     '杭州市萧山区体育路 299 号',                    30.16180, 120.26400),
    ('psbc-02',  'PSBC',  '邮储银行萧山义桥支行',         '杭州市萧山区义桥镇义桥大道 118 号',            30.07900, 120.20550),
    ('xsrcb-01', 'XSRCB', '萧山农商银行营业部',           '杭州市萧山区人民路 258 号',                    30.16400, 120.26650),
    ('xsrcb-02', 'XSRCB', '萧山农商银行临浦支行',         '杭州市萧山区临浦镇峙山北路 18 号',             30.06450, 120.24800),
    ('xsrcb-03', 'XSRCB', '萧山农商银行衙前支行',         '杭州市萧山区衙前镇衙前路 555 号',              30.19650, 120.37800),
    ('xsrcb-04', 'XSRCB', '萧山农商银行闻堰支行',         '杭州市萧山区闻堰街道湘湖路 36 号',             30.11850, 120.18550),
    ('hzb-01',   'HZB',   '杭州银行萧山支行',             '杭州市萧山区市心北路 118 号',                  30.18450, 120.26850),
    ('hzb-02',   'HZB',   '杭州银行萧山瓜沥支行',         '杭州市萧山区瓜沥镇友谊路 96 号',               30.21200, 120.46400),
    ('cmb-01',   'CMB',   '招商银行萧山支行',             '杭州市萧山区金城路 471 号',                    30.17900, 120.27550),
    ('cmb-02',   'CMB',   '招商银行钱江世纪城支行',       '杭州市萧山区宁围街道奔竞大道 353 号',          30.23300, 120.28300),
    ('citic-01', 'CITIC', '中信银行萧山支行',             '杭州市萧山区市心中路 123 号',                  30.17750, 120.26600),
    ('spdb-01',  'SPDB',  '浦发银行萧山支行',             '杭州市萧山区市心北路 218 号',                  30.18800, 120.26900),
    ('spdb-02',  'SPDB',  '浦发银行钱江世纪城支行',       '杭州市萧山区宁围街道利一路 188 号',            30.23550, 120.27000),
    ('cib-01',   'CIB',   '兴业银行萧山支行',             '杭州市萧山区金城路 1038 号',                   30.17700, 120.28500),
    ('cib-02',   'CIB',   '兴业银行萧山开发区支行',       '杭州市萧山区建设三路 733 号',                  30.20400, 120.27550),
    ('czb-01',   'CZB',   '浙商银行杭州萧山支行',         '杭州市萧山区金城路 185 号',                    30.18000, 120.26200),
    ('cmbc-01',  'CMBC',  '民生银行萧山支行',             '杭州市萧山区金城路 777 号',                    30.17920, 120.28100),
    ('ceb-01',   'CEB',   '光大银行萧山支行',             '杭州市萧山区市心北路 368 号',                  30.19050, 120.27050),
    ('hxb-01',   'HXB',   '华夏银行萧山支行',             '杭州市萧山区山阴路 688 号',                    30.17100, 120.27500),
    ('pab-01',   'PAB',   '平安银行萧山支行',             '杭州市萧山区市心中路 566 号',                  30.17200, 120.26800),
    ('pab-02',   'PAB',   '平安银行钱江世纪城支行',       '杭州市萧山区宁围街道丰北路 99 号',             30.23950, 120.28050);
