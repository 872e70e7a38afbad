package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Duration;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Settings of the Ioniq 5 OBD source. Build with {@link #builder(String)}; every value but the port has a default.
 *
 * @param serialPort the adapter's serial device, e.g. {@code /dev/rfcomm0}
 * @param baudRate serial speed; ignored by RFCOMM devices, matters for USB adapters
 * @param vehicleName display name
 * @param usableCapacityKwh usable battery energy for the range estimate
 * @param consumptionKwhPer100Km average consumption for the range estimate
 * @param probeInterval how often a parked car is probed (12 V voltage only)
 * @param lowVoltageLimit below this 12 V voltage nothing but the voltage probe is sent
 * @param awakeVoltage at or above this 12 V voltage the DC-DC converter runs: the car is on or charging
 * @param commandTimeout longest wait for the adapter's prompt after one command
 * @param canTimeout the adapter's wait for each CAN frame ({@code ATST}, 4 ms steps up to 1020 ms)
 * @param resetSettle pause after the adapter's reset before the next command
 * @param fetchBudget the longest one fetch may talk to the adapter
 * @param reconnectDelay first wait before opening a lost adapter again (doubles per failure)
 * @param reconnectMaxDelay longest wait between attempts to open a lost adapter
 */
@NonNullByDefault
public record IoniqObdConfig(String serialPort, int baudRate, String vehicleName, double usableCapacityKwh,
        double consumptionKwhPer100Km, Duration probeInterval, double lowVoltageLimit, double awakeVoltage,
        Duration commandTimeout, Duration canTimeout, Duration resetSettle, Duration fetchBudget,
        Duration reconnectDelay, Duration reconnectMaxDelay) {

    public static final int DEFAULT_BAUD_RATE = 38400;
    public static final String DEFAULT_VEHICLE_NAME = "Hyundai Ioniq 5";
    /** Usable energy assumed for the 77.4 kWh pack. */
    public static final double DEFAULT_USABLE_CAPACITY_KWH = 74.0;
    public static final double DEFAULT_CONSUMPTION_KWH_PER_100_KM = 18.0;
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMinutes(10);
    public static final double DEFAULT_LOW_VOLTAGE_LIMIT = 12.2;
    public static final double DEFAULT_AWAKE_VOLTAGE = 13.0;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** ATST96: 600 ms, as the WiCAN profile for the Ioniq 5 uses. */
    public static final Duration DEFAULT_CAN_TIMEOUT = Duration.ofMillis(600);
    public static final Duration DEFAULT_RESET_SETTLE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_FETCH_BUDGET = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RECONNECT_MAX_DELAY = Duration.ofMinutes(10);

    private static final Duration MIN_PROBE_INTERVAL = Duration.ofMinutes(1);

    public IoniqObdConfig {
        Objects.requireNonNull(serialPort, "serialPort");
        Objects.requireNonNull(vehicleName, "vehicleName");
        require(!serialPort.isBlank(), "serialPort must name the adapter's device, e.g. /dev/rfcomm0");
        require(baudRate > 0, "baudRate must be positive, was " + baudRate);
        require(!vehicleName.isBlank(), "vehicleName must not be blank");
        require(usableCapacityKwh > 0 && usableCapacityKwh <= 200,
                "usableCapacityKwh must be in (0, 200], was " + usableCapacityKwh);
        require(consumptionKwhPer100Km >= 5 && consumptionKwhPer100Km <= 60,
                "consumptionKwhPer100Km must be 5–60, was " + consumptionKwhPer100Km);
        require(probeInterval.compareTo(MIN_PROBE_INTERVAL) >= 0,
                "probeInterval must be at least 1 minute, was " + probeInterval);
        require(lowVoltageLimit >= 10 && lowVoltageLimit < awakeVoltage,
                "lowVoltageLimit must be at least 10 V and below awakeVoltage, was " + lowVoltageLimit);
        require(awakeVoltage <= 15, "awakeVoltage must be at most 15 V, was " + awakeVoltage);
        require(positive(commandTimeout), "commandTimeout must be positive");
        require(canTimeout.toMillis() >= 4 && canTimeout.toMillis() <= 1020, "canTimeout must be 4–1020 ms");
        require(!resetSettle.isNegative(), "resetSettle must not be negative");
        require(fetchBudget.compareTo(commandTimeout) >= 0, "fetchBudget must be at least commandTimeout");
        require(positive(reconnectDelay), "reconnectDelay must be positive");
        require(reconnectMaxDelay.compareTo(reconnectDelay) >= 0, "reconnectMaxDelay must be at least reconnectDelay");
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder(String serialPort) {
        return new Builder(serialPort);
    }

    /** Fills in the defaults. */
    public static final class Builder {
        private final String serialPort;
        private int baudRate = DEFAULT_BAUD_RATE;
        private String vehicleName = DEFAULT_VEHICLE_NAME;
        private double usableCapacityKwh = DEFAULT_USABLE_CAPACITY_KWH;
        private double consumptionKwhPer100Km = DEFAULT_CONSUMPTION_KWH_PER_100_KM;
        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;
        private double lowVoltageLimit = DEFAULT_LOW_VOLTAGE_LIMIT;
        private double awakeVoltage = DEFAULT_AWAKE_VOLTAGE;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration canTimeout = DEFAULT_CAN_TIMEOUT;
        private Duration resetSettle = DEFAULT_RESET_SETTLE;
        private Duration fetchBudget = DEFAULT_FETCH_BUDGET;
        private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
        private Duration reconnectMaxDelay = DEFAULT_RECONNECT_MAX_DELAY;

        private Builder(String serialPort) {
            this.serialPort = serialPort;
        }

        public Builder baudRate(int value) {
            baudRate = value;
            return this;
        }

        public Builder vehicleName(String value) {
            vehicleName = value;
            return this;
        }

        public Builder usableCapacityKwh(double value) {
            usableCapacityKwh = value;
            return this;
        }

        public Builder consumptionKwhPer100Km(double value) {
            consumptionKwhPer100Km = value;
            return this;
        }

        public Builder probeInterval(Duration value) {
            probeInterval = value;
            return this;
        }

        public Builder lowVoltageLimit(double value) {
            lowVoltageLimit = value;
            return this;
        }

        public Builder awakeVoltage(double value) {
            awakeVoltage = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder canTimeout(Duration value) {
            canTimeout = value;
            return this;
        }

        public Builder resetSettle(Duration value) {
            resetSettle = value;
            return this;
        }

        public Builder fetchBudget(Duration value) {
            fetchBudget = value;
            return this;
        }

        public Builder reconnectDelay(Duration value) {
            reconnectDelay = value;
            return this;
        }

        public Builder reconnectMaxDelay(Duration value) {
            reconnectMaxDelay = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is out of range */
        public IoniqObdConfig build() {
            return new IoniqObdConfig(serialPort, baudRate, vehicleName, usableCapacityKwh, consumptionKwhPer100Km,
                    probeInterval, lowVoltageLimit, awakeVoltage, commandTimeout, canTimeout, resetSettle,
                    fetchBudget, reconnectDelay, reconnectMaxDelay);
        }
    }
}
