package org.openhab.binding.chargepriority.internal.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One clause of an OSGi manifest header such as {@code Import-Package}: its package names and its attributes and
 * directives ({@code version="[2.10,3)"}, {@code resolution:=optional}), parsed as the OSGi core specification
 * (3.2.4) writes them: clauses separated by commas, parts by semicolons, quoted values may hold both.
 */
@NonNullByDefault
record ManifestHeader(List<String> names, Map<String, String> parameters) {

    static List<ManifestHeader> parse(String header) {
        List<ManifestHeader> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> parameters = new HashMap<>();
            for (String part : split(clause, ';')) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    names.add(part.trim());
                } else {
                    String key = part.substring(0, eq).trim();
                    String value = part.substring(eq + 1).trim();
                    if (key.endsWith(":")) { // a directive: name:=value
                        key = key.substring(0, key.length() - 1);
                    }
                    parameters.put(key, value.replaceAll("^\"|\"$", ""));
                }
            }
            clauses.add(new ManifestHeader(List.copyOf(names), Map.copyOf(parameters)));
        }
        return clauses;
    }

    @Nullable
    String parameter(String key) {
        return parameters.get(key);
    }

    boolean optional() {
        return "optional".equals(parameters.get("resolution"));
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
