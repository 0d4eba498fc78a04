#!/usr/bin/env bash
# Runs a command with a desktop's secret service, as a Linux office computer has one: started by
# desktop-session.ts (for run.ts and bench:app) inside its own D-Bus session, with an unlocked GNOME
# Keyring whose files live in a temporary folder, never the person's own keyring.
set -euo pipefail
export XDG_DATA_HOME="$DIARIST_TEST_KEYRING_DIR"
export XDG_CURRENT_DESKTOP=GNOME
mkdir -p "$XDG_DATA_HOME"
# --unlock starts the daemon, creates the login keyring with this password (or unlocks it) and
# serves it. No `--start` after it: that sometimes started a second daemon which won the bus name
# with no unlocked keyring, and the app's first secret then went to a prompt nobody can answer.
eval "$(printf 'diarist-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
