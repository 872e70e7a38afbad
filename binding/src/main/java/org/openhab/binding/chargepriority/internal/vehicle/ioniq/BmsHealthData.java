package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * What the battery management system reports in its {@code 22 01 05} reply.
 *
 * @param stateOfHealthPercent the battery's state of health
 * @param displaySocPercent the state of charge as the dashboard shows it
 */
@NonNullByDefault
public record BmsHealthData(double stateOfHealthPercent, double displaySocPercent) {
}
