package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tesla accounts of the binding, each shared by the cars that read it. An account is opened by its first car and
 * closed with its last (the cars are counted), so two cars on one account hold one {@link TeslaTokenManager}: one
 * refresh at a time for both, and a refresh token spent by one is never offered again by the other.
 *
 * <p>
 * The tokens of an account are in {@code tesla-tokens-<account>.json} in the token folder (0700, file 0600, sealed
 * with the folder's key). An installation from before accounts kept one car's tokens in {@value TokenStore#TOKEN_FILE}:
 * the first account opened whose region matches that login's takes the file over (it is moved, never copied: the
 * refresh token inside can be spent only once), so nobody signs in again after an upgrade. The month's Fleet API counts
 * of that car ({@value TeslaConfig#USAGE_FILE_NAME}) go with the login, to the first car opened on the account that
 * took it (or to the first car opened, when there was no login).
 */
@NonNullByDefault
public final class TeslaAccounts {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Logger logger = LoggerFactory.getLogger(TeslaAccounts.class);
    private final Path tokenDir;
    private final SecureRandom random;
    private final Map<String, Held> accounts = new HashMap<>(); // guarded by "this"

    private static final class Held {
        final TeslaAccount account;
        int cars;

        Held(TeslaAccount account) {
            this.account = account;
        }
    }

    /** @param tokenDir the folder of every account's tokens (created 0700 on the first save) */
    public TeslaAccounts(Path tokenDir) {
        this(tokenDir, new SecureRandom());
    }

    TeslaAccounts(Path tokenDir, SecureRandom random) {
        this.tokenDir = tokenDir;
        this.random = random;
    }

    /** The name of an account's token file in the token folder. */
    public static String tokenFileName(String accountId) {
        return "tesla-tokens-" + accountId + ".json";
    }

    /**
     * Opens one car on an account: the account is opened with it when it is the first, else shared. Closing the
     * returned service lets go of the account. Makes no network call.
     *
     * @param accountId e.g. the household's bridge id and the region, {@code home-EU}: letters, digits, '-' and '_'
     * @param car the car's configuration; for the account's first car also the account's client and addresses
     * @throws AccountMismatchException when the account is open with another client or other sign-in addresses
     * @throws IllegalArgumentException for an account id that cannot name a file
     */
    public TeslaFleetService open(String accountId, TeslaConfig car, Clock clock,
            @Nullable HomeGeofence geofence) {
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("Invalid Tesla account id '" + accountId + "'");
        }
        TeslaAccount account = acquire(accountId, car, clock);
        try {
            if (!Files.exists(tokenDir.resolve(TokenStore.TOKEN_FILE))) { // taken over, or there was none
                migrateUsage(car.usageFile());
            }
            return new TeslaFleetService(car, account, clock, geofence, Sleeper.THREAD,
                    () -> release(accountId, account));
        } catch (RuntimeException e) {
            release(accountId, account);
            throw e;
        }
    }

    /** The account open under this id, or null (for tests and diagnostics). */
    public synchronized @Nullable TeslaAccount account(String accountId) {
        Held held = accounts.get(accountId);
        return held != null ? held.account : null;
    }

    /** How many cars hold the account (0 when it is not open). */
    public synchronized int cars(String accountId) {
        Held held = accounts.get(accountId);
        return held != null ? held.cars : 0;
    }

    private synchronized TeslaAccount acquire(String accountId, TeslaConfig car, Clock clock) {
        Held held = accounts.get(accountId);
        if (held == null) {
            migrateTokens(accountId, car.region());
            TokenStore store = new TokenStore(tokenDir, tokenFileName(accountId), random);
            HttpTransport http = HttpTransport.create(car.connectTimeout(), car.requestTimeout());
            held = new Held(new TeslaAccount(accountId, car, store, http, clock, random));
            accounts.put(accountId, held);
            logger.debug("Tesla account {} opened ({})", accountId, held.account.isAuthorized() ? "signed in"
                    : "not signed in");
        } else if (!held.account.accepts(car)) {
            throw new AccountMismatchException(accountId, car.region());
        }
        held.cars++;
        return held.account;
    }

    private synchronized void release(String accountId, TeslaAccount account) {
        Held held = accounts.get(accountId);
        if (held == null || held.account != account) {
            return;
        }
        held.cars--;
        if (held.cars <= 0) {
            accounts.remove(accountId);
            logger.debug("Tesla account {} closed: no car reads it any more", accountId);
        }
    }

    /** Caller holds the lock. Moves the single login of an older installation to this account when it fits. */
    private void migrateTokens(String accountId, TeslaRegion region) {
        Path target = tokenDir.resolve(tokenFileName(accountId));
        Path legacy = tokenDir.resolve(TokenStore.TOKEN_FILE);
        if (Files.exists(target) || !Files.exists(legacy)) {
            return;
        }
        Optional<TeslaRegion> loginRegion;
        try {
            loginRegion = new TokenStore(tokenDir, random).load()
                    .flatMap(tokens -> TeslaRegion.fromTokenPrefix(tokens.refreshToken()));
        } catch (IOException e) {
            logger.warn("The Tesla login of an earlier version in {} cannot be read ({}); sign in again at "
                    + "/chargepriority/oauth/tesla", legacy, e.getMessage());
            return;
        }
        if (loginRegion.isPresent() && loginRegion.get() != region) {
            logger.debug("The earlier Tesla login is of region {}, not {}: left for another account",
                    loginRegion.get(), region);
            return;
        }
        if (move(legacy, target)) {
            logger.info("The Tesla login of the earlier version now belongs to Tesla account {} ({})", accountId,
                    target.getFileName());
        }
    }

    /** The Fleet API counts of the one Tesla of an earlier version go to this car, unless another has them. */
    private void migrateUsage(Path usageFile) {
        Path legacy = tokenDir.resolve(TeslaConfig.USAGE_FILE_NAME);
        if (legacy.equals(usageFile) || Files.exists(usageFile) || !Files.exists(legacy)) {
            return;
        }
        if (move(legacy, usageFile)) {
            logger.debug("The Fleet API counts of the earlier version moved to {}", usageFile.getFileName());
        }
    }

    /** Moves atomically; false when another one took the file first or it cannot be moved. */
    private boolean move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
            return true;
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            logger.warn("Cannot move {} to {}: {}", from, to.getFileName(), e.getMessage());
            return false;
        }
    }
}
