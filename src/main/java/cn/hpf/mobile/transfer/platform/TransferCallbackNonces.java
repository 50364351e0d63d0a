package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.callback.CallbackNonceRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The transfer platform's used callback nonces ({@code transfer_callback_nonce}). */
@ApplicationScoped
public class TransferCallbackNonces extends CallbackNonceRepository {

    @Inject
    public TransferCallbackNonces(Pool db) {
        super(db, Table.TRANSFER_PLATFORM);
    }

    protected TransferCallbackNonces() {
        super();
    }
}
