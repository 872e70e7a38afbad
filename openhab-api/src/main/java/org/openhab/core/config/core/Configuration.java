package org.openhab.core.config.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Stand-in for openHAB 4.3's {@code Configuration}: a map whose numbers are normalised to {@link BigDecimal} (as
 * openHAB does), and {@link #as(Class)} filling the public, non-final fields of a configuration class by name.
 */
@NonNullByDefault
public class Configuration {

    private final Map<String, Object> properties = new HashMap<>();

    public Configuration() {
    }

    public Configuration(@Nullable Map<String, Object> properties) {
        if (properties != null) {
            properties.forEach(this::put);
        }
    }

    public <T> T as(Class<T> configurationClass) {
        try {
            T result = configurationClass.getDeclaredConstructor().newInstance();
            for (Class<?> c = configurationClass; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int mod = field.getModifiers();
                    Object value = properties.get(field.getName());
                    if (value == null || Modifier.isStatic(mod) || Modifier.isFinal(mod)) {
                        continue;
                    }
                    field.setAccessible(true);
                    field.set(result, convert(value, field.getType()));
                }
            }
            return result;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + configurationClass.getName() + ": " + e, e);
        }
    }

    private static @Nullable Object convert(Object value, Class<?> type) {
        if (type == String.class) {
            return value.toString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
        }
        BigDecimal number = value instanceof BigDecimal bd ? bd : new BigDecimal(value.toString().trim());
        if (type == int.class || type == Integer.class) {
            return number.intValue();
        }
        if (type == long.class || type == Long.class) {
            return number.longValue();
        }
        if (type == double.class || type == Double.class) {
            return number.doubleValue();
        }
        if (type == BigDecimal.class) {
            return number;
        }
        throw new IllegalArgumentException("Unsupported configuration field type " + type.getName());
    }

    public boolean containsKey(String key) {
        synchronized (properties) {
            return properties.containsKey(key);
        }
    }

    public @Nullable Object get(String key) {
        synchronized (properties) {
            return properties.get(key);
        }
    }

    public @Nullable Object put(String key, @Nullable Object value) {
        synchronized (properties) {
            if (value == null) {
                return properties.remove(key);
            }
            return properties.put(key, normalize(value));
        }
    }

    private static Object normalize(Object value) {
        if (value instanceof BigDecimal || !(value instanceof Number)) {
            return value;
        }
        return value instanceof Double || value instanceof Float ? BigDecimal.valueOf(((Number) value).doubleValue())
                : BigDecimal.valueOf(((Number) value).longValue());
    }

    public Map<String, Object> getProperties() {
        synchronized (properties) {
            return Map.copyOf(properties);
        }
    }

    public void setProperties(Map<String, Object> properties) {
        synchronized (this.properties) {
            this.properties.clear();
            properties.forEach(this::put);
        }
    }

    @Override
    public int hashCode() {
        return getProperties().hashCode();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof Configuration other && getProperties().equals(other.getProperties());
    }

    @Override
    public String toString() {
        return "Configuration[" + getProperties() + "]";
    }
}
