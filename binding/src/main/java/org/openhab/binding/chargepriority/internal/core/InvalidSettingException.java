package org.openhab.binding.chargepriority.internal.core;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A setting was given a value outside its allowed range. The message names the field and the allowed values.
 */
@NonNullByDefault
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidSettingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
