#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every ndctl-qemu command parses its options with ndctl's parser (cmd/common/parse-options):
# options after a FILE, --no-X, -h (usage on stderr, 129), --help (stdout, 0), upstream's
# texts for an unknown option or a missing value (129), --list-opts (130); check stops at the
# QEMU command line. run's COMMAND options: tests/unit/qemu/test-run-usage.sh.
. "$(dirname "$0")/lib.sh"

# status ARGS...: sets $rc, $out (stdout) and $err (stderr) of `ndctl-qemu ARGS...`
status() {
	"$Q" "$@" > out.txt 2> err.txt
	rc=$?
	out=$(cat out.txt) err=$(cat err.txt)
}

for cmd in check plan provision inspect run; do
	status "$cmd" -h
	expect_eq "$cmd -h: status" "$rc" 129
	expect_eq "$cmd -h: stdout" "$out" ""
	expect_eq "$cmd -h: usage on stderr" "$(sed -n 2p err.txt | cut -d" " -f1-4)" " usage: ndctl-qemu $cmd"
	status "$cmd" --help
	expect_eq "$cmd --help: status" "$rc" 0
	expect_eq "$cmd --help: stderr" "$err" ""
	expect_eq "$cmd --help: usage on stdout" "$(sed -n 2p out.txt | cut -d" " -f1-4)" " usage: ndctl-qemu $cmd"
	expect_eq "$cmd help = --help" "$("$Q" help "$cmd" 2>&1)" "$out"
	status "$cmd" --bogus
	expect_eq "$cmd --bogus: status" "$rc" 129
	expect_eq "$cmd --bogus: upstream's text" "$(head -n 1 err.txt)" "  Error: unknown option \`bogus'"
	expect_eq "$cmd --bogus: then the usage" "$(sed -n 3p err.txt | cut -d" " -f1-4)" " usage: ndctl-qemu $cmd"
	status "$cmd" -Z
	expect_eq "$cmd -Z: status" "$rc" 129
	expect_eq "$cmd -Z: upstream's text" "$(head -n 1 err.txt)" "  Error: unknown switch \`Z'"
	status "$cmd" --list-opts
	expect_eq "$cmd --list-opts: status" "$rc" 130
	# every option --help prints, and no other
	expect_eq "$cmd --list-opts: the options" "$(tr ' ' '\n' < out.txt | grep . | sort | tr '\n' ' ')" \
		"$("$Q" "$cmd" --help | grep -oE '^ +(-[a-zA-Z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+' |
		sort | tr '\n' ' ')"
done

status plan --nvdimm
expect_eq "missing value: status" "$rc" 129
expect_eq "missing value: upstream's text" "$(head -n 1 err.txt)" "  Error: option \`nvdimm' requires a value"
status plan --create=yes --nvdimm 1G
expect_eq "value for a switch: status" "$rc" 129
expect_eq "value for a switch: text" "$(head -n 1 err.txt)" "  Error: option \`create' takes no value"
status plan --hot --nvdimm 1G
expect_eq "ambiguous: status" "$rc" 129
expect_eq "ambiguous: text" "$(head -n 1 err.txt)" \
	"  Error: Ambiguous option: hot (could be --hotplug-spares or --hotplug)"

# Options anywhere: after a positional argument, bundled, abbreviated, --opt=value.
truncate -s 1G a.img
status inspect a.img --label-size 64K
expect_eq "inspect FILE --label-size: parsed" "$rc" 129
expect_eq "inspect FILE --label-size: the value's fault" "$err" \
	"ndctl-qemu inspect: --label-size 64K: give the label-size=, 128K or more"
status inspect a.img -l 128K
expect_eq "inspect FILE -l 128K" "$rc:$(printf '%s' "$out" | jq .label_size)" 0:131072
status plan extra --nvdimm 1G
expect_eq "plan ARG --nvdimm: status" "$rc" 129
expect_eq "plan ARG --nvdimm: the argument's fault" "$err" \
	"ndctl-qemu plan: unexpected argument 'extra'; DIMMs go in --nvdimm SIZE"
status plan --nvd=1G --ra 2G
expect_eq "abbreviations and =" "$(head -n 2 out.txt | tail -n 1)" "-m 2G,slots=1,maxmem=3G \\"
status plan -cn 1G,file=b.img
expect_eq "bundled -cn" "$rc:$(stat -c %s b.img 2>/dev/null)" 0:1073741824

# --no-X: a switch off again, a repeated option's list emptied, a value back to its default.
status plan --nvdimm 1G,file=c.img --create --no-create
expect_eq "--no-create" "$rc:$([ -e c.img ] && echo made || echo none)" 0:none
status plan --nvdimm 2G --no-nvdimm --nvdimm 1G
expect_eq "--no-nvdimm drops the DIMMs before" "$(grep -c 'memory-backend-file' out.txt):$(grep -c 'size=1G' out.txt)" 1:1
status plan --format libvirt --no-format --nvdimm 1G
expect_eq "--no-format: QEMU options again" "$(head -n 1 out.txt)" "-machine pc,nvdimm=on \\"
status check --json --no-json -- -machine pc -m 1G,slots=1,maxmem=2G \
	-object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G,align=2M \
	-device nvdimm,id=nv0,memdev=m0,label-size=2M
expect_eq "--no-json: text findings" "$rc:$(cut -d' ' -f1 out.txt)" "1:error:"

# check's options end at the QEMU command line, "--" or not: QEMU's options are not check's.
status check -j qemu-system-x86_64 -machine pc,nvdimm=on -m 1G,slots=1,maxmem=2G \
	-object memory-backend-file,id=m0,share=on,mem-path=a.img,size=1G,align=2M \
	-device nvdimm,id=nv0,memdev=m0,label-size=2M
expect_eq "check without --: clean" "$rc:$(printf '%s' "$out" | tr -d ' \n')" "0:[]"
status check -- -j
expect_eq "check -- -j: QEMU's word" "$rc:$err" "0:"

# Argument errors are usage errors (129); files that cannot be read are not (1).
status check --qmp x.sock -- -m 1G
expect_eq "check --qmp without --pid" "$rc" 129
status check --domain /nonexistent.xml
expect_eq "check --domain on no file" "$rc" 1
status plan --vcpus 0 --nvdimm 1G
expect_eq "plan --vcpus 0" "$rc" 129
status provision a.img --slot 300 --label-size 128K --namespace size=16M
expect_eq "provision --slot 300" "$rc" 129
status provision a.img --slot 0 --label-size 128K --namespace size=10M
expect_eq "provision bad --namespace: status" "$rc" 129
expect_eq "provision bad --namespace: said" "$(head -n 1 err.txt)" \
	"ndctl-qemu provision: size=10M: give a multiple of 16M (the region's align)"
finish test-options
