#!/usr/bin/env bash
# Installs the standalone runtime as the systemd service "chargepriority" (see doc/service.md).
# Run as root from the repository root after `mvn -q -B -DskipTests package`:  sudo dist/install.sh
# Again after an update: replaces the program and the unit, keeps /etc/chargepriority and /var/lib/chargepriority.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "run as root (sudo $0)" >&2; exit 1; }
JAR=runtime/target/chargepriority.jar
[ -f "$JAR" ] || { echo "$JAR missing: build it first (mvn -q -B -DskipTests package)" >&2; exit 1; }
java -version 2>&1 | grep -q 'version "\(1[7-9]\|[2-9][0-9]\)' \
  || { echo "Java 17 or newer is needed: apt install openjdk-17-jre-headless" >&2; exit 1; }

getent group chargepriority >/dev/null || groupadd --system chargepriority
getent passwd chargepriority >/dev/null || useradd --system --gid chargepriority --home-dir /var/lib/chargepriority \
  --no-create-home --shell /usr/sbin/nologin --comment "Charge Priority" chargepriority

install -d -m 0755 /opt/chargepriority /opt/chargepriority/doc
install -m 0644 "$JAR" /opt/chargepriority/chargepriority.jar
install -m 0644 doc/service.md /opt/chargepriority/doc/service.md

# Configuration: the repository's defaults the first time only; the service writes settings back into it.
install -d -m 0700 -o chargepriority -g chargepriority /etc/chargepriority
[ -f /etc/chargepriority/chargepriority.cfg ] \
  || install -m 0600 -o chargepriority -g chargepriority conf/chargepriority.cfg /etc/chargepriority/chargepriority.cfg
[ -f /etc/chargepriority/log4j2.xml ] \
  || install -m 0600 -o chargepriority -g chargepriority conf/log4j2.xml /etc/chargepriority/log4j2.xml
[ -f /etc/default/chargepriority ] || install -m 0644 dist/chargepriority.default /etc/default/chargepriority

install -d -m 0750 -o chargepriority -g chargepriority /var/lib/chargepriority

install -m 0644 dist/chargepriority.service /etc/systemd/system/chargepriority.service
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable chargepriority.service
  systemctl restart chargepriority.service
  echo "Started. Status: systemctl status chargepriority; log: journalctl -u chargepriority -f"
else
  echo "Installed; systemd is not running here, so the service was not started."
fi
echo "Dashboard: http://$(hostname -f 2>/dev/null || hostname):8000/  (configuration: /etc/chargepriority/chargepriority.cfg)"
