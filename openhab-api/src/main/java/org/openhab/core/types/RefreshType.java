package org.openhab.core.types;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Stand-in for openHAB 4.3's {@code RefreshType}.
 */
@NonNullByDefault
public enum RefreshType implements PrimitiveType, Command {
    REFRESH;

    @Override
    public String format(String pattern) {
        return String.format(pattern, this.toString());
    }

    @Override
    public String toString() {
        return toFullString();
    }

    @Override
    public String toFullString() {
        return super.toString();
    }
}
