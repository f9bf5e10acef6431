package io.watchtogether.command.accounts;

/** Registration or login refused; the message is safe to show. */
public class AccountException extends RuntimeException {

    /** Why, which fixes the HTTP status. */
    public enum Kind {
        INVALID_INPUT(400), BAD_CREDENTIALS(401), USERNAME_TAKEN(409);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public AccountException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
