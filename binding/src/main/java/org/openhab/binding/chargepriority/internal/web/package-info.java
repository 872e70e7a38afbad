/**
 * The web front: REST API, live WebSocket and dashboard, as OSGi HTTP Whiteboard servlets (javax.servlet 3.1, Jetty
 * 9.4 WebSocket API), each with its own servlet name:
 *
 * <table>
 * <caption>Servlets</caption>
 * <tr><th>name</th><th>patterns</th><th>serves</th></tr>
 * <tr><td>{@code chargepriority-api}</td><td>{@code /chargepriority/api/*}, {@code /chargepriority/health}</td>
 * <td>{@link org.openhab.binding.chargepriority.internal.web.ApiServlet}</td></tr>
 * <tr><td>{@code chargepriority-ws}</td><td>{@code /chargepriority/ws}</td>
 * <td>{@link org.openhab.binding.chargepriority.internal.web.WsServlet}</td></tr>
 * <tr><td>{@code chargepriority-dashboard}</td><td>{@code /chargepriority/*}</td>
 * <td>{@link org.openhab.binding.chargepriority.internal.web.DashboardServlet}</td></tr>
 * </table>
 *
 * <h2>REST</h2>
 * <ul>
 * <li>{@code GET /chargepriority/health} — {@code {"status":"healthy", "<id>_mock_mode", "scheduler_running"}}; 503
 * {@code "starting"} while no household is registered. Never needs the token.</li>
 * <li>{@code GET /api/status} — the seed's {@code tesla}, {@code ioniq} and their recommendations (the first car of
 * each kind), {@code priority_vehicle} (+ {@code _id}, {@code priority_reason}, {@code priority_reason_nb}),
 * {@code last_updated}, {@code next_update}, {@code charge_threshold}, {@code vehicles} (every car by its id: kind,
 * name, mock mode, last read error, diagnostics).</li>
 * <li>{@code POST /api/update} — 202 {@code {"status":"update triggered"}} at once; joins a running update.</li>
 * <li>{@code GET /api/history?hours=N} — {@code {"readings":[...]}}, oldest first; N 1–2160, default 24. With
 * {@code &step_minutes=S} (1–1440) at most one reading per car per S minutes (the first of each step): for charts of
 * long windows.</li>
 * <li>{@code GET /api/recommendations?hours=N}, {@code GET /api/errors?hours=N} — from the history;
 * {@code errors} adds {@code "source":"history"|"memory"} (memory: the database cannot be read).</li>
 * <li>{@code GET /api/settings}; {@code PUT /api/settings/threshold?threshold=N} (50–100, else 422);
 * {@code PUT /api/settings/mock-mode/{vehicle}} with {@code {"enabled":bool}} (409 when the real car is not
 * configured). {@code {vehicle}} is a car's id; {@code tesla} or {@code ioniq} without a car of that id: the first car
 * of that kind, as in the seed's fields (also for {@code /api/simulation}).</li>
 * <li>{@code GET /api/scheduler}.</li>
 * <li>{@code PUT /api/simulation/{vehicle}} with any of {@code battery_percent} (0–100, else 422), {@code charging},
 * {@code plugged_in}, {@code at_home}, {@code schedule} (booleans): sets the simulated car, waits for an update
 * that read it, answers the new status; 409 when the car is not in mock mode.</li>
 * </ul>
 * Errors: {@code {"error": code, "detail": text, "field": name}} with 400 (malformed, wrong type, unknown field, bad
 * {@code hours}), 401 (token), 403 (foreign origin), 404 (path or vehicle), 405 (+ {@code Allow}), 409, 413 (body
 * over 16 KiB), 422 (value out of range), 426 (plain HTTP on the WebSocket), 503 (no household, history unreadable).
 * Nothing is changed by a refused request. 500 only for bugs.
 *
 * <h2>WebSocket {@code /chargepriority/ws}</h2>
 * Server to client: {@code initial_status} on connect, {@code status_update} after every update and settings change
 * (both: {@code type}, {@code timestamp} and the fields of {@code /api/status}), {@code pong} for
 * {@code {"type":"ping"}}, {@code error} (with {@code detail}) for anything else; the connection stays open. Text
 * messages over 4 KiB close it with 1009. A client with 16 messages not yet written is dropped.
 *
 * <h2>Security ({@link org.openhab.binding.chargepriority.internal.web.WebSecurity})</h2>
 * <ul>
 * <li>Origins: the server's own (the {@code Origin} matches the {@code Host} header) and the configured
 * {@code allowedOrigins} get CORS headers and preflight answers; POST/PUT and WebSocket handshakes from any other
 * {@code Origin} are refused with 403. Requests without {@code Origin} (scripts, curl) pass. Behind a reverse proxy,
 * pass the original {@code Host} on, or list the public origin in {@code allowedOrigins}.</li>
 * <li>{@code apiToken} (optional): {@code /api/*} needs {@code Authorization: Bearer <token>}. Browsers cannot set
 * headers on a WebSocket, so the handshake also accepts the subprotocol {@code bearer.<token>} offered together with
 * {@code chargepriority} ({@code new WebSocket(url, ["chargepriority", "bearer." + token])}; the server answers with
 * {@code chargepriority}, never the token), or {@code ?token=<token>} for tokens with characters a subprotocol cannot
 * carry (it may end up in access logs). {@code /health} and the dashboard's files stay open; the dashboard asks for
 * the token on its first 401 and keeps it in the browser's localStorage. Tokens are compared in constant time.</li>
 * </ul>
 */
@NonNullByDefault
package org.openhab.binding.chargepriority.internal.web;

import org.eclipse.jdt.annotation.NonNullByDefault;
