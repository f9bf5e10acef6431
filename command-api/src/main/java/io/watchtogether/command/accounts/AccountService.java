package io.watchtogether.command.accounts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.watchtogether.tokens.AccessTokens;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts in MongoDB (collection {@code users}, unique username) with BCrypt-hashed passwords; a
 * successful registration or login yields a token from {@link AccessTokens}.
 */
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final int MIN_PASSWORD = 8;
    // BCrypt reads at most 72 bytes; a longer password would be silently truncated.
    private static final int MAX_PASSWORD_BYTES = 72;

    private final MongoCollection<Document> users;
    private final PasswordEncoder passwords;
    private final AccessTokens tokens;

    public AccountService(MongoTemplate mongo, String collection, PasswordEncoder passwords, AccessTokens tokens) {
        this.users = mongo.getCollection(collection);
        this.passwords = passwords;
        this.tokens = tokens;
        users.createIndex(Indexes.ascending("usernameKey"), new IndexOptions().unique(true).name("unique_username"));
    }

    /** Registers a new account; usernames are unique regardless of letter case. */
    public SignedIn register(String username, String password) {
        requireValid(username, password);
        String userId = UUID.randomUUID().toString();
        Document user = new Document("_id", userId)
                .append("username", username)
                .append("usernameKey", username.toLowerCase())
                .append("passwordHash", passwords.encode(password))
                .append("createdAt", Date.from(Instant.now()));
        try {
            users.insertOne(user);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new AccountException(AccountException.Kind.USERNAME_TAKEN, "Username '" + username + "' is taken");
            }
            throw e;
        }
        log.info("Registered user {} ({})", username, userId);
        return new SignedIn(userId, username, tokens.issue(userId, username));
    }

    /** Checks the password and issues a token; the same answer for an unknown user and a wrong password. */
    public SignedIn login(String username, String password) {
        if (username == null || password == null) {
            throw new AccountException(AccountException.Kind.INVALID_INPUT, "username and password are required");
        }
        Document user = users.find(new Document("usernameKey", username.toLowerCase())).first();
        if (user == null || !passwords.matches(password, user.getString("passwordHash"))) {
            throw new AccountException(AccountException.Kind.BAD_CREDENTIALS, "Wrong username or password");
        }
        String userId = user.getString("_id");
        String name = user.getString("username");
        return new SignedIn(userId, name, tokens.issue(userId, name));
    }

    private static void requireValid(String username, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AccountException(AccountException.Kind.INVALID_INPUT,
                    "username must be 3 to 32 letters, digits or . _ -");
        }
        if (password == null || password.length() < MIN_PASSWORD
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new AccountException(AccountException.Kind.INVALID_INPUT,
                    "password must be at least " + MIN_PASSWORD + " characters and at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    /** A signed-in user: the guide's {@code {userId, username, token}}. */
    public record SignedIn(String userId, String username, String token) {
    }
}
