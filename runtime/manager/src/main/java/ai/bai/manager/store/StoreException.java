package ai.bai.manager.store;

/** A failure of the manager's database. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
