-- The service hall (办事大厅): the centre's catalogue of services and the outlets that handle them. Later hall
-- migrations add each service's guide text, the banks and their branches, appointments and certificates.

-- cube is a trusted extension: the database owner (the app's own role) may create it, no superuser needed.
CREATE EXTENSION IF NOT EXISTS cube;

-- A point on the earth as a 3-D cube (metres from the earth's centre, spherical earth). The straight-line distance
-- between two such points (cube's <->) orders places exactly as the distance along the surface does, so a GiST
-- index on it answers "nearest first" without reading every row.
CREATE FUNCTION hpf_earth_point(lat DOUBLE PRECISION, lng DOUBLE PRECISION) RETURNS cube
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT cube(ARRAY[6371008.8 * cos(radians(lat)) * cos(radians(lng)),
                      6371008.8 * cos(radians(lat)) * sin(radians(lng)),
                      6371008.8 * sin(radians(lat))])
$$;

-- The surface distance in metres for a straight-line (chord) distance between two earth points.
CREATE FUNCTION hpf_surface_metres(chord DOUBLE PRECISION) RETURNS DOUBLE PRECISION
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 2 * 6371008.8 * asin(least(1.0, chord / (2 * 6371008.8)))
$$;

-- Every service the centre offers, for members and for employers. ONLINE: done entirely in the mobile office;
-- APPOINTMENT: booked online, finished at an outlet; COUNTER: walk in.
CREATE TABLE hall_service (
    code       TEXT PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    name       TEXT     NOT NULL,
    name_en    TEXT     NOT NULL,
    audience   TEXT     NOT NULL CHECK (audience IN ('MEMBER', 'EMPLOYER')),
    mode       TEXT     NOT NULL CHECK (mode IN ('ONLINE', 'APPOINTMENT', 'COUNTER')),
    sort_order SMALLINT NOT NULL
);

INSERT INTO hall_service (code, name, name_en, audience, mode, sort_order) VALUES
    -- members: 22 services, 10 fully online
    ('ACCOUNT_QUERY',            '个人账户查询',             'Account and statement enquiry',        'MEMBER', 'ONLINE',       1),
    ('DEPOSIT_CERTIFICATE',      '缴存证明开具',             'Deposit certificate',                  'MEMBER', 'ONLINE',       2),
    ('WITHDRAW_RENT',            '租房提取',                 'Withdrawal for rent',                  'MEMBER', 'ONLINE',       3),
    ('WITHDRAW_RETIREMENT',      '离退休提取',               'Withdrawal on retirement',             'MEMBER', 'ONLINE',       4),
    ('WITHDRAW_LOAN_REPAYMENT',  '偿还住房公积金贷款提取',   'Withdrawal to repay an HPF loan',      'MEMBER', 'ONLINE',       5),
    ('WITHDRAW_MIN_LIVING',      '享受最低生活保障提取',     'Withdrawal on minimum living allowance','MEMBER', 'ONLINE',       6),
    ('WITHDRAW_PURCHASE',        '购买自住住房提取',         'Withdrawal for a home purchase',       'MEMBER', 'ONLINE',       7),
    ('WITHDRAW_LEAVE_CITY',      '离职封存提取',             'Withdrawal after leaving the city',    'MEMBER', 'ONLINE',       8),
    ('LOAN_PREPAYMENT',          '贷款提前还款',             'Early loan repayment',                 'MEMBER', 'ONLINE',       9),
    ('MONTHLY_AUTO_TRANSFER',    '按月转账还贷签约',         'Monthly transfer to the loan',         'MEMBER', 'ONLINE',      10),
    ('WITHDRAW_BUILD_RENOVATE',  '建造翻建大修自住住房提取', 'Withdrawal to build or renovate',      'MEMBER', 'APPOINTMENT', 11),
    ('WITHDRAW_SERIOUS_ILLNESS', '重大疾病提取',             'Withdrawal for a serious illness',     'MEMBER', 'APPOINTMENT', 12),
    ('WITHDRAW_EMIGRATION',      '出境定居提取',             'Withdrawal on settling abroad',        'MEMBER', 'APPOINTMENT', 13),
    ('WITHDRAW_DECEASED',        '死亡或宣告死亡提取',       'Withdrawal by a deceased member''s heirs','MEMBER', 'COUNTER',    14),
    ('LOAN_APPLICATION',         '住房公积金贷款申请',       'HPF loan application',                 'MEMBER', 'APPOINTMENT', 15),
    ('LOAN_COMBINED',            '组合贷款申请',             'Combined loan application',            'MEMBER', 'APPOINTMENT', 16),
    ('LOAN_TERM_CHANGE',         '贷款期限及还款方式变更',   'Change of loan term or method',        'MEMBER', 'APPOINTMENT', 17),
    ('LOAN_MORTGAGE_RELEASE',    '贷款结清抵押注销',         'Mortgage release after payoff',        'MEMBER', 'APPOINTMENT', 18),
    ('TRANSFER_BETWEEN_CITIES',  '异地转移接续',             'Account transfer between cities',      'MEMBER', 'APPOINTMENT', 19),
    ('VOLUNTARY_DEPOSIT_OPEN',   '灵活就业人员缴存开户',     'Voluntary deposits for the self-employed','MEMBER', 'APPOINTMENT', 20),
    ('MEMBER_INFO_CHANGE',       '个人信息变更',             'Change of personal details',           'MEMBER', 'COUNTER',     21),
    ('ACCOUNT_MERGE',            '个人账户合并',             'Merging duplicate accounts',           'MEMBER', 'COUNTER',     22),
    -- employers: 14 services, 10 fully online
    ('EMPLOYER_REGISTRATION',    '单位缴存登记',             'Employer registration',                'EMPLOYER', 'ONLINE',     31),
    ('EMPLOYER_INFO_CHANGE',     '单位信息变更',             'Change of employer details',           'EMPLOYER', 'ONLINE',     32),
    ('EMPLOYEE_ACCOUNT_OPEN',    '个人账户设立',             'Opening employees'' accounts',         'EMPLOYER', 'ONLINE',     33),
    ('MONTHLY_DEPOSIT',          '单位汇缴',                 'Monthly deposit',                      'EMPLOYER', 'ONLINE',     34),
    ('SUPPLEMENTARY_DEPOSIT',    '单位补缴',                 'Supplementary deposit',                'EMPLOYER', 'ONLINE',     35),
    ('DEPOSIT_BASE_ADJUSTMENT',  '缴存基数调整',             'Annual deposit base adjustment',       'EMPLOYER', 'ONLINE',     36),
    ('EMPLOYEE_ACCOUNT_SEAL',    '个人账户封存',             'Sealing a leaver''s account',          'EMPLOYER', 'ONLINE',     37),
    ('EMPLOYEE_ACCOUNT_UNSEAL',  '个人账户启封',             'Unsealing a joiner''s account',        'EMPLOYER', 'ONLINE',     38),
    ('EMPLOYEE_TRANSFER_IN',     '同城个人账户转移',         'Moving an account within the city',    'EMPLOYER', 'ONLINE',     39),
    ('EMPLOYER_DEPOSIT_PROOF',   '单位缴存证明',             'Employer deposit certificate',         'EMPLOYER', 'ONLINE',     40),
    ('DEPOSIT_RATE_REDUCTION',   '降低缴存比例',             'Lower deposit rate',                   'EMPLOYER', 'APPOINTMENT', 41),
    ('DEPOSIT_DEFERRAL',         '缓缴住房公积金',           'Deferral of deposits',                 'EMPLOYER', 'APPOINTMENT', 42),
    ('EMPLOYER_ACCOUNT_CLOSE',   '单位账户注销',             'Closing the employer account',         'EMPLOYER', 'APPOINTMENT', 43),
    ('EMPLOYER_MERGER',          '单位合并分立',             'Employer merger or split',             'EMPLOYER', 'COUNTER',    44);

-- An outlet where services are handled in person (the "20-minute service circle").
CREATE TABLE outlet (
    id        TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{2,64}$'),
    name      TEXT             NOT NULL,
    address   TEXT             NOT NULL,
    phone     TEXT,
    lat       DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng       DOUBLE PRECISION NOT NULL CHECK (lng BETWEEN -180 AND 180),
    location  cube             GENERATED ALWAYS AS (hpf_earth_point(lat, lng)) STORED,
    -- Shown as is (the posted hours); opening times per weekday are in outlet_hours.
    hours     TEXT             NOT NULL
);
CREATE INDEX outlet_location ON outlet USING gist (location);

-- Opening periods per ISO weekday (1 = Monday), in the centre's time zone (Asia/Shanghai). Several rows a day
-- for a lunch break.
CREATE TABLE outlet_hours (
    outlet_id TEXT     NOT NULL REFERENCES outlet (id),
    weekday   SMALLINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens     TIME     NOT NULL,
    closes    TIME     NOT NULL CHECK (closes > opens),
    PRIMARY KEY (outlet_id, weekday, opens)
);

-- Which services each outlet handles.
CREATE TABLE outlet_service (
    outlet_id    TEXT NOT NULL REFERENCES outlet (id),
    service_code TEXT NOT NULL REFERENCES hall_service (code),
    PRIMARY KEY (outlet_id, service_code)
);
CREATE INDEX outlet_service_by_service ON outlet_service (service_code);

INSERT INTO outlet (id, name, address, phone, lat, lng, hours) VALUES
    ('xs-citizen-centre', '萧山区市民中心住房公积金服务大厅', '杭州市萧山区市心北路 1 号萧山区市民中心 A 区 2 楼',
     '0571-82899100', 30.18212, 120.26930, '周一至周五 8:30-12:00, 13:30-17:00；周六 9:00-12:00'),
    ('xs-guali', '瓜沥服务网点', '杭州市萧山区瓜沥镇航坞路 688 号瓜沥镇便民服务中心 1 楼',
     '0571-82512310', 30.21470, 120.46120, '周一至周五 8:30-12:00, 13:30-17:00'),
    ('xs-linpu', '临浦服务网点', '杭州市萧山区临浦镇峙山路 299 号临浦镇便民服务中心 1 楼',
     '0571-83897210', 30.06580, 120.24960, '周一至周五 8:30-12:00, 13:30-17:00');

INSERT INTO outlet_hours (outlet_id, weekday, opens, closes)
SELECT o.id, d.weekday, p.opens, p.closes
FROM (VALUES ('xs-citizen-centre'), ('xs-guali'), ('xs-linpu')) o (id)
CROSS JOIN generate_series(1, 5) d (weekday)
CROSS JOIN (VALUES (TIME '08:30', TIME '12:00'), (TIME '13:30', TIME '17:00')) p (opens, closes)
UNION ALL
SELECT 'xs-citizen-centre', 6, TIME '09:00', TIME '12:00';

-- The citizen centre handles every service that needs a visit; the two town outlets the members' common ones.
INSERT INTO outlet_service (outlet_id, service_code)
SELECT 'xs-citizen-centre', code FROM hall_service WHERE mode <> 'ONLINE'
UNION ALL
SELECT o.id, s.code
FROM (VALUES ('xs-guali'), ('xs-linpu')) o (id)
JOIN hall_service s ON s.code IN ('WITHDRAW_BUILD_RENOVATE', 'WITHDRAW_SERIOUS_ILLNESS', 'WITHDRAW_DECEASED',
                                  'LOAN_APPLICATION', 'LOAN_MORTGAGE_RELEASE', 'VOLUNTARY_DEPOSIT_OPEN',
                                  'MEMBER_INFO_CHANGE', 'TRANSFER_BETWEEN_CITIES');
