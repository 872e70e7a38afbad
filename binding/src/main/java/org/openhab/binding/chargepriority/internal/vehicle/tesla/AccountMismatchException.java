package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A car was set up with another client (or other Tesla sign-in addresses) than the cars already reading the same
 * account: they share one sign-in, so they must agree. The message names neither the client id nor the secret.
 */
@NonNullByDefault
public class AccountMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String accountId;
    private final TeslaRegion region;

    public AccountMismatchException(String accountId, TeslaRegion region) {
        super("The Teslas of account " + accountId + " share one sign-in: give this one the same client id, client "
                + "secret, region and sign-in addresses as the others");
        this.accountId = accountId;
        this.region = region;
    }

    public String accountId() {
        return accountId;
    }

    public TeslaRegion region() {
        return region;
    }
}
