package cn.hpf.mobile.audit;

import java.time.OffsetDateTime;

/** The operators' filters: each null means "any"; {@code beforeId} is the keyset cursor. */
record AuditQuery(Long memberId, String action, OffsetDateTime from, OffsetDateTime to, Long beforeId, int limit) {
}
