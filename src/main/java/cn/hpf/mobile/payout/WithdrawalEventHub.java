package cn.hpf.mobile.payout;

import cn.hpf.mobile.common.live.StatusEventHub;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Withdrawal status changes across replicas, on {@link WithdrawalNotifications#CHANNEL}. */
@Singleton
public class WithdrawalEventHub extends StatusEventHub<WithdrawalEvent> {

    public WithdrawalEventHub(ReactiveRedisDataSource redis, ObjectMapper json) {
        super(WithdrawalNotifications.CHANNEL, WithdrawalEvent.class, redis, json);
    }
}
