package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.live.StatusEventHub;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Transfer-out status changes across replicas. */
@Singleton
public class TransferOutEventHub extends StatusEventHub<TransferOutView> {

    public TransferOutEventHub(ReactiveRedisDataSource redis, ObjectMapper json) {
        super("hpf:transfer-out-status", TransferOutView.class, redis, json);
    }
}
