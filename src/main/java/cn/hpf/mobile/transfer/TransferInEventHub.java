package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.live.StatusEventHub;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Transfer-in status changes across replicas. */
@Singleton
public class TransferInEventHub extends StatusEventHub<TransferInView> {

    public TransferInEventHub(ReactiveRedisDataSource redis, ObjectMapper json) {
        super("hpf:transfer-in-status", TransferInView.class, redis, json);
    }
}
