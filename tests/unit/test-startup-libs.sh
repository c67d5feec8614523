#!/bin/sh
# Commands pay at start only for what every command uses: libkmod (and the
# libcrypto it pulls in) is opened with dlopen() when a module must be loaded,
# so no tool, nor libndctl/libdaxctl, may need it at load time. With
# STATIC_DEPS=1 (meson's static-deps option) ndctl and daxctl map no json-c or
# libuuid either: they carry both, each shared object costing start time.
set -u
fails=0
for tool in "$@"; do
	libs=$(LD_TRACE_LOADED_OBJECTS=1 "$tool") || { echo "FAIL: cannot trace $tool"; fails=$((fails + 1)); continue; }
	if printf '%s\n' "$libs" | grep -E 'libkmod|libcrypto'; then
		echo "FAIL: $(basename "$tool") loads libkmod or libcrypto at start (see above)"
		fails=$((fails + 1))
	fi
	case "${STATIC_DEPS:-0}:$(basename "$tool")" in
	1:ndctl|1:daxctl)
		if printf '%s\n' "$libs" | grep -E 'libjson-c|libuuid'; then
			echo "FAIL: $(basename "$tool") maps json-c or libuuid at start (static-deps)"
			fails=$((fails + 1))
		fi ;;
	esac
	if ! printf '%s\n' "$libs" | grep -q 'libc\.so'; then
		echo "FAIL: no library list for $tool: $libs"
		fails=$((fails + 1))
	fi
done
echo "test-startup-libs: $# tools, $fails failed"
[ "$fails" -eq 0 ]
