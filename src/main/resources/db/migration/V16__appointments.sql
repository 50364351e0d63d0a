-- Appointments (预约受理) for the services that still need a visit: 30-minute slots within an outlet's opening
-- hours, a capacity per slot set by the operators per outlet, service and weekday, days the centre closes, and the
-- members' bookings. docs/hall-appointments.md tells the model.

-- How many members one slot takes, per outlet, service and ISO weekday (1 = Monday). No row (or 0): the service
-- is not bookable there that day.
CREATE TABLE appointment_capacity (
    outlet_id         TEXT        NOT NULL,
    service_code      TEXT        NOT NULL,
    weekday           SMALLINT    NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    capacity_per_slot INT         NOT NULL CHECK (capacity_per_slot BETWEEN 0 AND 1000),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (outlet_id, service_code, weekday),
    FOREIGN KEY (outlet_id, service_code) REFERENCES outlet_service (outlet_id, service_code)
);

-- One row per slot that has ever been booked: the seats taken (appointments not cancelled). Booking raises it by a
-- conditional UPDATE that holds the row lock, so concurrent bookings of one slot, on any replica, queue here and
-- never take more seats than the capacity; cancelling lowers it in the same transaction.
CREATE TABLE appointment_slot (
    outlet_id    TEXT        NOT NULL,
    service_code TEXT        NOT NULL,
    starts_at    TIMESTAMPTZ NOT NULL,
    booked       INT         NOT NULL DEFAULT 0 CHECK (booked >= 0),
    PRIMARY KEY (outlet_id, service_code, starts_at),
    FOREIGN KEY (outlet_id, service_code) REFERENCES outlet_service (outlet_id, service_code)
);

-- A day an outlet does not open (typhoon, system change-over): no slots, and its bookings are cancelled with this
-- reason, which the members see.
CREATE TABLE outlet_closure (
    outlet_id  TEXT        NOT NULL REFERENCES outlet (id),
    day        DATE        NOT NULL,
    reason     TEXT        NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    closed_by  TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (outlet_id, day)
);

-- A member's booking. BOOKED until it is cancelled (by the member: CANCELLED; by a closure: CANCELLED_BY_CENTRE,
-- with the reason) or its time has passed (PAST, stored when the member books the same service again).
CREATE TABLE appointment (
    id            UUID        PRIMARY KEY,
    member_id     BIGINT      NOT NULL REFERENCES member (id),
    outlet_id     TEXT        NOT NULL,
    service_code  TEXT        NOT NULL,
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    status        TEXT        NOT NULL CHECK (status IN ('BOOKED', 'PAST', 'CANCELLED', 'CANCELLED_BY_CENTRE')),
    cancel_reason TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    cancelled_at  TIMESTAMPTZ,
    FOREIGN KEY (outlet_id, service_code, starts_at) REFERENCES appointment_slot (outlet_id, service_code, starts_at),
    CHECK ((status IN ('CANCELLED', 'CANCELLED_BY_CENTRE')) = (cancelled_at IS NOT NULL)),
    CHECK ((status = 'CANCELLED_BY_CENTRE') = (cancel_reason IS NOT NULL))
);
-- One active booking per member and service, whatever the outlet: the last word when two requests race.
CREATE UNIQUE INDEX appointment_one_active_per_service ON appointment (member_id, service_code)
    WHERE status = 'BOOKED';
CREATE INDEX appointment_by_member ON appointment (member_id, starts_at DESC);
CREATE INDEX appointment_booked_by_outlet ON appointment (outlet_id, starts_at) WHERE status = 'BOOKED';

-- Demo capacities: the citizen centre's hall has more windows (3 members a slot for the booked services, 2 for the
-- walk-in ones); the town outlets take 2 a slot. Every day each outlet opens, for every service it handles.
INSERT INTO appointment_capacity (outlet_id, service_code, weekday, capacity_per_slot)
SELECT os.outlet_id, os.service_code, d.weekday,
       CASE WHEN os.outlet_id = 'xs-citizen-centre' AND s.mode = 'APPOINTMENT' THEN 3 ELSE 2 END
FROM outlet_service os
JOIN hall_service s ON s.code = os.service_code AND s.mode <> 'ONLINE'
JOIN (SELECT DISTINCT outlet_id, weekday FROM outlet_hours) d ON d.outlet_id = os.outlet_id;
