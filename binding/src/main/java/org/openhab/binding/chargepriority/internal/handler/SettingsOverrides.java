package org.openhab.binding.chargepriority.internal.handler;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.SecureFiles;
import org.openhab.core.config.core.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * Settings changed at run time (the {@code settings#threshold} channel, the REST API) that openHAB itself keeps only
 * for Things made in the UI: a Thing from a {@code .things} file is read from its file again at every start, so
 * {@code updateConfiguration} lasts only until openHAB restarts. This file, beside the history database, remembers
 * each such change with the value the configuration had when it was made:
 * <ul>
 * <li>configuration still at that old value (a file Thing after a restart): the change is applied again;</li>
 * <li>configuration at the changed value (a UI Thing, or no restart yet): nothing to do;</li>
 * <li>anything else: the user edited the configuration since, and the edit wins; the change is forgotten.</li>
 * </ul>
 */
@NonNullByDefault
final class SettingsOverrides {

    /** A run-time change: the value set, and the configured value it replaced (null: the parameter was unset). */
    record Change(BigDecimal value, @Nullable BigDecimal configured) {
    }

    static final List<String> KEYS = List.of(HouseholdConfiguration.CHARGE_THRESHOLD,
            HouseholdConfiguration.MINIMUM_CHARGE, HouseholdConfiguration.MINIMUM_RANGE,
            HouseholdConfiguration.HYSTERESIS, HouseholdConfiguration.UPDATE_INTERVAL,
            HouseholdConfiguration.RETENTION_DAYS);

    private static final Gson GSON = new Gson();

    private final Logger logger = LoggerFactory.getLogger(SettingsOverrides.class);
    private final Path file;

    SettingsOverrides(Path file) {
        this.file = file;
    }

    /** The file of a bridge: beside its history database, named after the bridge's id. */
    static SettingsOverrides besides(Path historyFile, String bridgeId) {
        return new SettingsOverrides(historyFile.resolveSibling(bridgeId + ".settings.json"));
    }

    /**
     * The configuration with the run-time changes that still apply; null when there are none to apply. Changes the
     * user's own edits replaced are forgotten.
     */
    @Nullable
    Configuration apply(Configuration configuration) {
        Map<String, Change> changes = read();
        Configuration edited = new Configuration(configuration.getProperties());
        boolean applied = false;
        boolean forgotten = false;
        for (var it = changes.entrySet().iterator(); it.hasNext();) {
            var entry = it.next();
            BigDecimal now = decimal(configuration.get(entry.getKey()));
            Change change = entry.getValue();
            if (same(now, change.value())) {
                continue;
            }
            if (same(now, change.configured())) {
                edited.put(entry.getKey(), change.value());
                applied = true;
            } else {
                logger.debug("{} was changed to {} since it was set to {} at run time: the new configuration wins",
                        entry.getKey(), now, change.value());
                it.remove();
                forgotten = true;
            }
        }
        if (forgotten) {
            write(changes);
        }
        return applied ? edited : null;
    }

    /** Remembers the parameters that differ between the configuration before and after a run-time change. */
    void record(Configuration before, Configuration after) {
        Map<String, Change> changes = read();
        boolean changed = false;
        for (String key : KEYS) {
            BigDecimal old = decimal(before.get(key));
            BigDecimal value = decimal(after.get(key));
            if (value == null || same(old, value)) {
                continue;
            }
            Change earlier = changes.get(key);
            changes.put(key, new Change(value, earlier != null ? earlier.configured() : old));
            changed = true;
        }
        if (changed) {
            write(changes);
        }
    }

    private Map<String, Change> read() {
        try {
            Map<String, Change> stored = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeToken<TreeMap<String, Change>>() {
                    }.getType());
            Map<String, Change> result = new TreeMap<>();
            if (stored != null) {
                stored.forEach((key, change) -> {
                    if (KEYS.contains(key) && change != null && change.value() != null) {
                        result.put(key, change);
                    }
                });
            }
            return result;
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException | JsonParseException e) {
            logger.warn("Settings changed at run time could not be read from {} and are not applied: {}", file,
                    e.getMessage());
            return new TreeMap<>();
        }
    }

    private void write(Map<String, Change> changes) {
        try {
            SecureFiles.writeAtomically(file, GSON.toJson(changes).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            logger.warn("Settings changed at run time could not be saved to {}: after a restart the Thing's "
                    + "configuration applies again: {}", file, e.getMessage());
        }
    }

    private static @Nullable BigDecimal decimal(@Nullable Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        } else if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        } else if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
