package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleService;
import org.openhab.binding.chargepriority.internal.vehicle.ioniq.IoniqPollPolicy.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hyundai Ioniq 5 read through an ELM327 adapter in its OBD socket. Each {@link #fetch()} does at most what the
 * {@link IoniqPollPolicy} allows, within {@link IoniqObdConfig#fetchBudget()}: (re)connect the adapter if its
 * {@link ObdReconnectBackoff} allows, then read the battery system, or probe the 12 V voltage, or send nothing. When the
 * car does not answer, the last good state comes back marked stale.
 */
@NonNullByDefault
public class IoniqObdService implements VehicleService {

    public static final String ID = "ioniq";

    private final Logger logger = LoggerFactory.getLogger(IoniqObdService.class);
    private final IoniqObdConfig config;
    private final SerialTransport transport;
    private final Clock clock;
    private final Elm327Session elm;
    private final IoniqBmsReader bms;
    private final IoniqPollPolicy policy;
    private final ObdReconnectBackoff reconnect;
    private final IoniqStatusMapper mapper;

    private boolean connected;
    private boolean reinitialise;
    /** The adapter answered at the last exchange: the car is within Bluetooth range. */
    private boolean adapterAnswered;
    private @Nullable String adapterVersion;
    private @Nullable String lastError;
    /** A read failure that is not the car sleeping (that is normal): adapter gone, garbage, a failed read. */
    private volatile @Nullable String problem;
    private @Nullable VehicleStatus lastStatus;
    private @Nullable BmsBatteryData lastBattery;
    private @Nullable BmsHealthData lastHealth;
    /** The BMS's state of charge when the displayed one was last read: a later BMS change moves the display too. */
    private @Nullable Double bmsAtDisplayRead;
    private @Nullable Double displayAtLastRead;
    private SocSource socSource = SocSource.BMS;
    private @Nullable Double probedVoltage;
    private @Nullable Instant probedAt;
    private volatile Map<String, Object> diagnostics = Map.of();
    private volatile boolean closed;

    /** The real service: jSerialComm on {@link IoniqObdConfig#serialPort()}, system clock, real sleeping. */
    public IoniqObdService(IoniqObdConfig config) {
        this(config, new JSerialCommTransport(config.serialPort(), config.baudRate()), Clock.systemUTC(),
                Sleeper.SYSTEM);
    }

    public IoniqObdService(IoniqObdConfig config, SerialTransport transport, Clock clock, Sleeper sleeper) {
        this.config = config;
        this.transport = transport;
        this.clock = clock;
        this.elm = new Elm327Session(transport, sleeper, config.commandTimeout(), config.canTimeout(),
                config.resetSettle());
        this.bms = new IoniqBmsReader(elm);
        this.policy = new IoniqPollPolicy(config.probeInterval(), config.lowVoltageLimit(), config.awakeVoltage());
        this.reconnect = new ObdReconnectBackoff(config.reconnectDelay(), config.reconnectMaxDelay());
        this.mapper = new IoniqStatusMapper(config.vehicleName(), config.usableCapacityKwh(),
                config.consumptionKwhPer100Km());
        publishDiagnostics();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return config.vehicleName();
    }

    @Override
    public DataSource source() {
        return DataSource.OBD;
    }

    @Override
    public @Nullable Double capacityKwh() {
        return config.usableCapacityKwh();
    }

    @Override
    public synchronized VehicleStatus fetch() throws VehicleException {
        if (closed) {
            throw new VehicleException(VehicleException.Kind.COMMUNICATION, name() + ": the OBD source is closed");
        }
        Instant before = clock.instant();
        VehicleStatus previous = lastStatus;
        try {
            refresh(Deadline.after(config.fetchBudget()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect(before, "interrupted");
        } finally {
            publishDiagnostics();
        }
        VehicleStatus last = lastStatus;
        if (last != null && last != previous) {
            return last;
        }
        if (last != null) {
            return last.withStale(true).withLocation(adapterAnswered ? Location.HOME : Location.UNKNOWN);
        }
        if (connected && adapterAnswered) {
            throw new VehicleException(VehicleException.Kind.ASLEEP,
                    name() + " is off: its battery system answers only while the car is on or charging");
        }
        String error = lastError;
        throw new VehicleException(VehicleException.Kind.COMMUNICATION, "OBD adapter at " + config.serialPort()
                + " does not answer" + (error != null ? ": " + error : ""));
    }

    private void refresh(Deadline deadline) throws InterruptedException {
        Instant now = clock.instant();
        if (!adapterReady(now, deadline)) {
            return;
        }
        Action action = policy.next(now);
        try {
            if (action == Action.PROBE_VOLTAGE) {
                action = probe(now, deadline);
            }
            if (action == Action.POLL_BMS) {
                poll(deadline);
            }
        } catch (ElmException e) {
            failed(now, e);
        } catch (IOException e) {
            disconnect(now, e.getMessage());
        }
    }

    /** Opens and initialises the adapter when needed and the back-off allows; true when it is ready for requests. */
    private boolean adapterReady(Instant now, Deadline deadline) throws InterruptedException {
        if (connected && !reinitialise) {
            return true;
        }
        if (!connected && !reconnect.mayAttempt(now)) {
            return false;
        }
        try {
            if (!connected) {
                transport.open();
                connected = true;
                policy.reconnected();
            }
            adapterVersion = elm.initialise(deadline);
            reinitialise = false;
            adapterAnswered = true;
            reconnect.succeeded();
            return true;
        } catch (IOException | ElmException e) {
            disconnect(now, e.getMessage());
            return false;
        }
    }

    private Action probe(Instant now, Deadline deadline) throws IOException, ElmException {
        double volts;
        try {
            volts = elm.readVoltage(deadline);
        } catch (ElmException e) {
            if (e.error() != ElmError.UNKNOWN_COMMAND && e.error() != ElmError.GARBAGE) {
                throw e;
            }
            // a clone that does not know ATRV, or prints something else
            adapterAnswered = true;
            logger.debug("Adapter on {} cannot measure the 12 V voltage: {}", config.serialPort(), e.getMessage());
            return policy.voltageUnknown(now);
        }
        adapterAnswered = true;
        probedVoltage = volts;
        probedAt = now;
        IoniqPollPolicy.Mode before = policy.mode();
        Action action = policy.voltageMeasured(now, volts);
        logModeChange(before, volts);
        return action;
    }

    private void poll(Deadline deadline) throws IOException, ElmException {
        BmsBatteryData battery = bms.readBattery(deadline);
        adapterAnswered = true;
        Instant readAt = clock.instant();
        lastBattery = battery;
        lastStatus = mapper.toStatus(battery, displayEstimate(battery), readAt);
        try {
            BmsHealthData health = bms.readHealth(deadline);
            lastHealth = health;
            VehicleStatus read = mapper.toStatus(battery, health, readAt);
            lastStatus = read;
            double shown = read.batteryPercent();
            boolean display = shown == health.displaySocPercent();
            socSource = display ? SocSource.DISPLAY : SocSource.BMS;
            bmsAtDisplayRead = display ? battery.socPercent() : null;
            displayAtLastRead = display ? shown : null;
        } catch (ElmException e) {
            logger.debug("{} read without 22 01 05: {}", name(), e.getMessage());
            reinitialise |= e.error().resetsAdapter();
        }
        lastError = null;
        problem = null;
        IoniqPollPolicy.Mode before = policy.mode();
        policy.bmsAnswered(readAt, battery.auxVoltageV());
        logModeChange(before, battery.auxVoltageV());
    }

    /**
     * The displayed state of charge when 22 01 05 cannot be read: the last displayed value moved by the BMS's change
     * since, so a failed display read does not make the value jump by the difference between the two; the BMS's own
     * value before any display read.
     */
    private double displayEstimate(BmsBatteryData battery) {
        Double display = displayAtLastRead;
        Double bmsThen = bmsAtDisplayRead;
        if (display == null || bmsThen == null) {
            socSource = SocSource.BMS;
            return battery.socPercent();
        }
        socSource = SocSource.ESTIMATED;
        double estimate = display + battery.socPercent() - bmsThen;
        return Math.round(Math.max(0, Math.min(100, estimate)) * 10) / 10.0;
    }

    /** Where the state of charge shown comes from. */
    private enum SocSource {
        /** The displayed value (22 01 05). */
        DISPLAY,
        /** The last displayed value moved by the BMS's change since. */
        ESTIMATED,
        /** The BMS's own value (22 01 01). */
        BMS;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private void failed(Instant now, ElmException e) {
        lastError = e.getMessage();
        ElmError error = e.error();
        problem = error.carSilent() ? null : e.getMessage();
        reinitialise |= error.resetsAdapter();
        if (error == ElmError.TIMEOUT) {
            adapterAnswered = false;
        }
        if (error.carSilent()) {
            policy.bmsSilent(now);
            logger.debug("{} does not answer ({}); next probe at {}", name(), e.getMessage(), policy.nextProbe());
        } else {
            policy.bmsFailed(now);
            logger.debug("{}: read failed ({})", name(), e.getMessage());
        }
    }

    private void disconnect(Instant now, @Nullable String reason) {
        transport.close();
        connected = false;
        adapterAnswered = false;
        lastError = reason;
        problem = reason != null ? "OBD adapter at " + config.serialPort() + " unavailable: " + reason : null;
        reconnect.failed(now);
        logger.debug("OBD adapter at {} unavailable ({}); next attempt at {}", config.serialPort(), reason,
                reconnect.nextAttempt());
    }

    @Override
    public @Nullable String problem() {
        return problem;
    }

    private void logModeChange(IoniqPollPolicy.Mode before, double volts) {
        IoniqPollPolicy.Mode after = policy.mode();
        if (after == IoniqPollPolicy.Mode.LOW_VOLTAGE && before != after) {
            logger.info("{}: 12 V battery at {} V, below {} V: reading paused until it is at {} V again", name(),
                    volts, config.lowVoltageLimit(), config.awakeVoltage());
        } else if (before == IoniqPollPolicy.Mode.LOW_VOLTAGE && before != after) {
            logger.info("{}: 12 V battery at {} V again: reading resumed", name(), volts);
        }
    }

    /**
     * Non-secret facts: the 12 V voltage (from the battery system or the adapter, whichever is newer), state of
     * health, pack voltage and current, when the next probe is due, the back-off state and whether the adapter is
     * connected.
     */
    @Override
    public Map<String, Object> diagnostics() {
        return diagnostics;
    }

    private void publishDiagnostics() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("adapter_port", config.serialPort());
        map.put("adapter_connected", connected && transport.isOpen());
        putIfKnown(map, "adapter_version", adapterVersion);
        map.put("poll_mode", policy.mode().json());
        putIfKnown(map, "next_probe", policy.nextProbe());
        map.put("probe_interval_s", config.probeInterval().toSeconds());
        map.put("low_voltage_limit_v", config.lowVoltageLimit());
        map.put("awake_voltage_v", config.awakeVoltage());
        map.put("reconnect_failures", reconnect.failures());
        putIfKnown(map, "next_reconnect", reconnect.nextAttempt());
        putIfKnown(map, "last_error", lastError);
        VehicleStatus status = lastStatus;
        BmsBatteryData battery = lastBattery;
        Double adapterVolts = probedVoltage;
        Instant adapterAt = probedAt;
        if (battery != null && status != null && (adapterAt == null || !status.lastUpdated().isBefore(adapterAt))) {
            map.put("aux_voltage_v", battery.auxVoltageV());
            map.put("aux_voltage_source", "bms");
        } else if (adapterVolts != null) {
            map.put("aux_voltage_v", adapterVolts);
            map.put("aux_voltage_source", "adapter");
        }
        if (battery != null && status != null) {
            map.put("last_read", status.lastUpdated().toString());
            map.put("soc_bms_percent", battery.socPercent());
            map.put("soc_source", socSource.json());
            map.put("pack_voltage_v", battery.packVoltageV());
            map.put("pack_current_a", battery.packCurrentA());
            map.put("power_kw", Math.round(battery.powerKw() * 100) / 100.0);
            map.put("cumulative_charged_kwh", battery.cumulativeChargedKwh());
            map.put("cumulative_discharged_kwh", battery.cumulativeDischargedKwh());
            // the status bits other projects read as charging flags, to check against this car (reference §2.6)
            map.put("bms_relay_on", battery.bmsRelayOn());
            map.put("bms_ignition_on", battery.bmsIgnitionOn());
        }
        BmsHealthData health = lastHealth;
        if (health != null) {
            map.put("state_of_health_percent", health.stateOfHealthPercent());
            map.put("soc_display_percent", health.displaySocPercent());
        }
        diagnostics = Collections.unmodifiableMap(map);
    }

    private static void putIfKnown(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value instanceof Instant ? value.toString() : value);
        }
    }

    /** Closes the port; a fetch in progress ends with its next read. */
    @Override
    public void close() {
        closed = true;
        transport.close();
    }
}
