#!/bin/sh
# Install what computesim needs from Debian's packages, only what is
# missing; prints nothing and does nothing when everything is present.
set -e
PKGS="gcc make libc6-dev pkg-config libgsl-dev libyaml-dev check libsubunit-dev gnuplot-nox time python3 python3-yaml python3-jsonschema man-db libopenmpi-dev openmpi-bin"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		# gnuplot in any flavour will do
		if [ "$p" = gnuplot-nox ] && command -v gnuplot >/dev/null 2>&1; then
			continue
		fi
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
