package cn.hpf.mobile.faceauth;

import cn.hpf.mobile.common.callback.CallbackNonceRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The face provider's used callback nonces ({@code face_callback_nonce}). */
@ApplicationScoped
public class CallbackNonces extends CallbackNonceRepository {

    @Inject
    public CallbackNonces(Pool db) {
        super(db, Table.FACE_PROVIDER);
    }

    protected CallbackNonces() {
        super();
    }
}
