package cn.hpf.mobile.signin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;

/**
 * Bounds the password hashes running at once on this replica. Step 1 of sign-in is unauthenticated and each check
 * costs a full PBKDF2, so without a bound random logins alone saturate the worker pool; beyond it the request is
 * shed at once (503 SERVICE_BUSY), never queued.
 */
@ApplicationScoped
public class PasswordChecks {

    private final int size;
    private final Semaphore permits;

    public PasswordChecks(SignInConfig config) {
        this.size = Math.max(0, config.passwordChecks());
        this.permits = new Semaphore(size);
    }

    /** A permit when one is free, at once; false otherwise. */
    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void release() {
        permits.release();
    }

    /** Checks running now (for tests and metrics). */
    public int inFlight() {
        return size - permits.availablePermits();
    }
}
