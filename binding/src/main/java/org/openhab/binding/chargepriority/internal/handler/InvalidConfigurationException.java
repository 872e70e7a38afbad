package org.openhab.binding.chargepriority.internal.handler;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A Thing configuration that cannot be used. Carries an i18n key of {@code OH-INF/i18n} and its arguments, so the Thing
 * status says what is wrong in the user's language.
 */
@NonNullByDefault
public class InvalidConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String textKey;
    private final String[] arguments;

    public InvalidConfigurationException(String textKey, Object... arguments) {
        super(textKey + Arrays.toString(arguments));
        this.textKey = textKey;
        this.arguments = Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new);
    }

    public String textKey() {
        return textKey;
    }

    /** The Thing status description: {@code @text/key ["arg", …]}, as openHAB translates it. */
    public String statusDescription() {
        if (arguments.length == 0) {
            return "@text/" + textKey;
        }
        return "@text/" + textKey + " " + Arrays.stream(arguments).map(a -> '"' + a.replace('"', '\'') + '"')
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
