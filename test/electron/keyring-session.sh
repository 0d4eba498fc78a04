#!/usr/bin/env bash
# Runs a command with a desktop's secret service, as a Linux office computer has one: started by
# test/electron/run.ts inside its own D-Bus session (dbus-run-session), with an unlocked GNOME
# Keyring whose files live in a temporary folder, never the person's own keyring.
set -euo pipefail
export XDG_DATA_HOME="$DIARIST_TEST_KEYRING_DIR"
export XDG_CURRENT_DESKTOP=GNOME
mkdir -p "$XDG_DATA_HOME"
# --unlock creates the login keyring with this password, or unlocks it; --start then serves it.
# --start finds that daemon only through GNOME_KEYRING_CONTROL in its environment: unexported,
# it started a second daemon, which at random won the bus name with a locked login keyring.
eval "$(printf 'diarist-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
eval "$(gnome-keyring-daemon --start --components=secrets)"
exec "$@"
