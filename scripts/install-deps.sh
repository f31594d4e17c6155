#!/usr/bin/env bash
# Installs the Debian packages Tipline builds and tests with, when run as root and something is missing.
# Everything else (Swift packages) resolves through SwiftPM.
set -euo pipefail

# chromium + chromium-driver + fonts-liberation (a recommendation we install without the rest): the browser tests.
# tcpdump + python3-sklearn (with numpy and scipy): the anonymity harness (scripts/anonymity.sh).
# wrk: the soak's bulk load (scripts/soak/soak.py).
packages=(libsodium-dev pkg-config libsqlite3-dev zlib1g-dev postgresql nginx curl
          chromium chromium-driver fonts-liberation python3-pip tcpdump python3-sklearn wrk ${TIPLINE_EXTRA_PACKAGES:-})

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Selenium (PyPI) for the browser tests; PIP_BREAK_SYSTEM_PACKAGES lets pip install into Debian's own python3.
install_selenium() {
    python3 -c 'import selenium' 2>/dev/null && return 0
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet -r "$(dirname "$0")/../Tests/Browser/requirements.txt"
}
# schemathesis (PyPI) for the API contract check (scripts/api-contract.sh).
install_schemathesis() {
    python3 -c 'import schemathesis' 2>/dev/null && return 0
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet -r "$(dirname "$0")/api-contract-requirements.txt"
}
if [ ${#missing[@]} -eq 0 ]; then install_selenium; install_schemathesis; exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (as root: apt-get install -y ${missing[*]})." >&2
    exit 1
fi
echo "Installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_selenium
install_schemathesis
