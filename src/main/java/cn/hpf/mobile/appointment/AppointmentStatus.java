package cn.hpf.mobile.appointment;

/**
 * BOOKED: a seat is held. PAST: its time has passed (a BOOKED appointment is shown as PAST from its end on).
 * CANCELLED: by the member. CANCELLED_BY_CENTRE: the outlet closed that day; the reason says why.
 */
public enum AppointmentStatus { BOOKED, PAST, CANCELLED, CANCELLED_BY_CENTRE }
