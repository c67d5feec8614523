#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prepare a Debian 12 host for ndkit: build deps, guest deps, the guest kernel and its source
# and headers packages (ndctl-qemu run --nfit-test builds test modules from them).
# Idempotent: installs only missing packages, downloads and unpacks the kernel once.
# Usage: setup.sh [--kernel-only]   (--kernel-only skips apt-get install)
# Prints nothing on the last line but the kernel root: $NDKIT_GUEST_CACHE/kernel-<KVER>.
set -euo pipefail

CACHE=${NDKIT_GUEST_CACHE:-/var/cache/ndkit-guest}
# scdoc, bash-completion, debhelper and clang: the man, completion, package and fuzz tests;
# abigail-tools: the ABI test; libndctl-dev, libdaxctl-dev: upstream's headers and libraries,
# the oracle the PMDK-style callers are also built against (never a dependency of ndkit);
# libxml2-dev: ndctl-qemu check --domain.
BUILD_PKGS="meson ninja-build pkg-config gcc libc6-dev uuid-dev libkmod-dev libjson-c-dev libxml2-dev scdoc bash-completion debhelper clang libclang-rt-14-dev abigail-tools libndctl-dev libdaxctl-dev"
# libvirt: ndctl-qemu check --domain and plan --format libvirt against a real libvirtd
# (tests/libvirt/with-libvirtd.sh starts a private one; no libvirt-daemon-system needed);
# libxml2-utils: xmllint, which virt-xml-validate runs.
GUEST_PKGS="qemu-system-x86 busybox-static cpio kmod ndctl daxctl jq python3 gzip coreutils libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients libxml2-utils util-linux"

log() { echo "setup: $*" >&2; }

kernel_package() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/{print $2; exit}'
}

# ndctl-qemu run --nfit-test builds the kernel's nfit_test modules for the guest kernel from
# its source and headers (linux-source-6.1, linux-headers-6.1.0-57-amd64), on first use.
nfit_test_packages() {
	local kver
	kver=$(kernel_package)
	kver=${kver#linux-image-}
	[ -n "$kver" ] && echo "linux-source-$(echo "$kver" | cut -d. -f1,2) linux-headers-$kver"
	return 0
}

missing_packages() {
	local p
	for p in $BUILD_PKGS $GUEST_PKGS $(nfit_test_packages); do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			echo "$p"
	done
}

install_packages() {
	local missing
	missing=$(missing_packages)
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		log "missing packages: $missing; run this script as root to install them"
		exit 1
	fi
	log "installing:" $missing
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	# again: before the update, apt-cache may not know the kernel that names two of them
	missing=$(missing_packages)
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >&2
}

# Download the kernel package behind linux-image-amd64 and unpack it with a modules.dep.
fetch_kernel() {
	local pkg kver kroot deb
	pkg=$(kernel_package)
	if [ -z "$pkg" ] && [ "$(id -u)" -eq 0 ]; then
		apt-get update -q >&2
		pkg=$(kernel_package)
	fi
	if [ -z "$pkg" ]; then
		log "apt-cache knows no linux-image-amd64: run 'apt-get update' as root"
		exit 1
	fi
	kver=${pkg#linux-image-}
	kroot=$CACHE/kernel-$kver
	if [ -f "$kroot/.done" ]; then
		echo "$kroot"
		return 0
	fi
	mkdir -p "$CACHE/debs"
	deb=$(ls "$CACHE"/debs/"${pkg}"_*.deb 2>/dev/null | head -n1 || true)
	if [ -z "$deb" ]; then
		log "downloading $pkg"
		(cd "$CACHE/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg" >&2)
		deb=$(ls "$CACHE"/debs/"${pkg}"_*.deb | head -n1)
	fi
	log "unpacking $deb"
	rm -rf "$kroot.tmp"
	dpkg -x "$deb" "$kroot.tmp"
	depmod -b "$kroot.tmp" "$kver"
	rm -rf "$kroot"
	mv "$kroot.tmp" "$kroot"
	echo "$kver" > "$kroot/.kver"
	touch "$kroot/.done"
	echo "$kroot"
}

[ "${1:-}" = "--kernel-only" ] || install_packages
fetch_kernel
