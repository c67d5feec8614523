// SPDX-License-Identifier: GPL-2.0-only
/*
 * The QEMU command-line parser and the placement model. Expected addresses
 * are what QEMU 7.2 reported ("info memory-devices") for the same options.
 */
#include <stdlib.h>
#include <string.h>
#include "../test.h"
#include "ndctl-qemu/rules/placement.h"
#include "ndctl-qemu/model/qemu-args.h"

static int parse(struct qemu_config *cfg, struct findings *f, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	memset(f, 0, sizeof(*f));
	qemu_config_parse(cfg, argc, argv, f);
	return (int)f->n;
}

static void test_option_syntax(void)
{
	char *argv[] = { "qemu-system-x86_64", "-nographic", "disk.img", "-name", "-m",
		"--machine", "q35", "-M", "accel=tcg,nvdimm", "-m", "1024,slots=2,maxmem=4G",
		"-foo", "bar", "-append", "console=ttyS0 -device nvdimm,memdev=x",
		"--object", "memory-backend-file,id=m0,mem-path=a,,b.img,size=1G,share",
		"-device", "nvdimm,memdev=m0,id=nv0,label-size=128K,unarmed=on", NULL };
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse(&cfg, &f, argv), 0);
	CHECK_EQ_STR(cfg.machine_type, "q35");
	CHECK(cfg.nvdimm_on);			/* bare key after the type is "on" */
	CHECK(qemu_machine_is_q35(&cfg));
	CHECK_EQ_U64(cfg.ram_size, 1024ULL << 20);	/* -m bare number is MiB */
	CHECK_EQ_U64(cfg.slots, 2);
	CHECK_EQ_U64(cfg.maxmem, 4ULL << 30);
	CHECK_EQ_U64(cfg.nbackends, 1);
	CHECK_EQ_STR(cfg.backends[0].mem_path, "a,b.img");	/* ",," is a comma */
	CHECK_EQ_U64(cfg.backends[0].share, 1);
	CHECK_EQ_U64(cfg.nmemdevs, 1);		/* -append's text is not a device */
	CHECK(cfg.memdevs[0].backend == &cfg.backends[0]);
	CHECK_EQ_U64(cfg.memdevs[0].label_size, 128 << 10);
	CHECK(cfg.memdevs[0].unarmed);
	qemu_config_free(&cfg);
	findings_free(&f);
}

static void test_pasted_line(void)
{
	char *argv[] = { "-machine pc,nvdimm=on -m 2G \\\n -object memory-backend-ram,id=r0,size=1G",
		"\\", "-device", "pc-dimm,memdev=r0", NULL };
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse(&cfg, &f, argv), 0);
	CHECK(cfg.nvdimm_on);
	CHECK_EQ_U64(cfg.ram_size, 2ULL << 30);
	CHECK_EQ_U64(cfg.nbackends, 1);
	CHECK_EQ_U64(cfg.backends[0].kind, BACKEND_RAM);
	CHECK_EQ_U64(cfg.nmemdevs, 1);
	CHECK(!cfg.memdevs[0].nvdimm);
	qemu_config_free(&cfg);
	findings_free(&f);
}

/*
 * Blanks before the first word (\f and \v among them) once made the word
 * length run past the string: heap copies of exact size let ASan see any
 * over-read. The words after the blanks still count.
 */
static void test_pasted_leading_blanks(void)
{
	static const char *const args[] = { "\v\v\v\vab c", "\f\f-m 2G", " \t\vqemu-system-x86_64 -nographic",
		"\v", "x\f" };
	char *argv[6];
	struct qemu_config cfg;
	struct findings f;
	unsigned i;

	for (i = 0; i < 5; i++)
		argv[i] = strdup(args[i]);
	argv[5] = NULL;
	parse(&cfg, &f, argv);
	CHECK_EQ_U64(cfg.ram_size, 2ULL << 30);	/* "\f\f-m 2G" was split as a pasted line */
	qemu_config_free(&cfg);
	findings_free(&f);
	for (i = 0; i < 5; i++)
		free(argv[i]);
}

static void test_bad_values(void)
{
	char *argv[] = { "-machine", "pc,nvdimm=maybe", "-m", "1G,slots=x",
		"-object", "memory-backend-file,id=m0,size=lots", "-device", NULL };
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse(&cfg, &f, argv), 4);
	CHECK(findings_have_id(&f, "syntax"));
	CHECK(findings_have_error(&f));
	qemu_config_free(&cfg);
	findings_free(&f);
}

/* libvirt 9.0's spelling (domxml-to-native) reads as the key=value one does. */
static void test_libvirt_json_line(void)
{
	char *argv[] = { "/usr/bin/qemu-system-x86_64", "-name", "guest=t1,debug-threads=on",
		"-machine", "pc-i440fx-7.2,usb=off,dump-guest-core=off,nvdimm=on",
		"-m", "size=1048576k,slots=4,maxmem=8388608k",
		"-object", "{\"qom-type\":\"memory-backend-ram\",\"id\":\"ram-node0\",\"size\":1073741824}",
		"-numa", "node,nodeid=0,cpus=0,memdev=ram-node0",
		"-device", "{\"driver\":\"piix3-usb-uhci\",\"id\":\"usb\",\"addr\":\"0x1.0x2\"}",
		"-object", "{\"qom-type\":\"memory-backend-file\",\"id\":\"memnvdimm0\","
			"\"mem-path\":\"/nonexistent/a,b.img\",\"share\":true,\"prealloc\":true,"
			"\"size\":1073741824,\"align\":2097152}",
		"-device", "{\"driver\":\"nvdimm\",\"node\":0,\"label-size\":131072,"
			"\"memdev\":\"memnvdimm0\",\"id\":\"nvdimm0\",\"slot\":3,\"unarmed\":false}",
		"-no-acpi", NULL };
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse(&cfg, &f, argv), 0);
	CHECK_EQ_STR(cfg.machine_type, "pc-i440fx-7.2");
	CHECK(cfg.nvdimm_on);
	CHECK(cfg.no_acpi);
	CHECK_EQ_U64(cfg.ram_size, 1ULL << 30);		/* "k" suffix */
	CHECK_EQ_U64(cfg.maxmem, 8ULL << 30);
	CHECK_EQ_U64(cfg.slots, 4);
	CHECK_EQ_U64(cfg.nbackends, 2);			/* boot RAM is a backend, no DIMM */
	CHECK_EQ_U64(cfg.backends[0].kind, BACKEND_RAM);
	CHECK_EQ_U64(cfg.backends[0].users, 0);
	CHECK_EQ_STR(cfg.backends[1].mem_path, "/nonexistent/a,b.img");	/* no ",," in JSON */
	CHECK_EQ_U64(cfg.backends[1].share, 1);
	CHECK_EQ_U64(cfg.backends[1].size, 1ULL << 30);
	CHECK_EQ_U64(cfg.backends[1].align, 2ULL << 20);
	CHECK_EQ_U64(cfg.nmemdevs, 1);
	CHECK(cfg.memdevs[0].backend == &cfg.backends[1]);
	CHECK_EQ_U64(cfg.memdevs[0].label_size, 128 << 10);
	CHECK_EQ_U64(cfg.memdevs[0].slot, 3);
	CHECK(!cfg.memdevs[0].unarmed);
	qemu_config_free(&cfg);
	findings_free(&f);
}

/* QEMU reads JSON typed: what it refuses is a finding, never silently accepted. */
static void test_json_errors(void)
{
	char *argv[] = { "-machine", "pc,nvdimm=on,acpi=off",
		"-object", "{\"qom-type\":\"memory-backend-file\",\"id\":\"m0\",\"share\":\"on\","
			"\"size\":\"1G\"}",
		"-object", "{\"qom-type\":\"memory-backend-ram\",\"id\":\"m1\"",
		"-device", "{\"driver\":\"nvdimm\"} trailing", NULL };
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse(&cfg, &f, argv), 4);
	CHECK(findings_have_id(&f, "syntax"));
	CHECK(cfg.no_acpi);
	CHECK_EQ_U64(cfg.nbackends, 1);			/* the truncated one is not modelled */
	CHECK_EQ_U64(cfg.backends[0].size, 1ULL << 30);	/* still read, for the other rules */
	CHECK_EQ_U64(cfg.nmemdevs, 0);
	qemu_config_free(&cfg);
	findings_free(&f);
}

/* Parse a line and place its devices; only start/size/align of @p stay valid. */
static int place_line(char **argv, struct dimm_place *p)
{
	struct qemu_config cfg;
	struct findings f;
	int n;

	parse(&cfg, &f, argv);
	n = qemu_place_memdevs(&cfg, p);
	qemu_config_free(&cfg);
	findings_free(&f);
	return n;
}

/* Addresses QEMU 7.2 printed for these options on this machine. */
static void test_placement_matches_qemu(void)
{
	char *argv[] = { "-machine", "pc,nvdimm=on", "-m", "1G,slots=4,maxmem=8G",
		"-object", "memory-backend-file,id=m0,share=on,mem-path=/nonexistent/a,size=1000M",
		"-device", "nvdimm,memdev=m0,id=nv0,label-size=128K",
		"-object", "memory-backend-file,id=m1,share=on,mem-path=/nonexistent/b,size=1G,align=128M",
		"-device", "nvdimm,memdev=m1,id=nv1,label-size=2M",
		"-object", "memory-backend-ram,id=m2,size=1G",
		"-device", "nvdimm,memdev=m2,id=nv2", NULL };
	struct dimm_place p[4];

	CHECK_EQ_U64(place_line(argv, p), 3);
	CHECK_EQ_U64(p[0].start, 0x100000000ULL);
	CHECK_EQ_U64(p[0].size, 1048444928ULL);
	CHECK_EQ_U64(p[1].start, 0x140000000ULL);
	CHECK_EQ_U64(p[1].size, 939524096ULL);
	CHECK_EQ_U64(p[2].start, 0x178000000ULL);
	CHECK_EQ_U64(p[2].size, 1ULL << 30);
}

static void place_after_odd_dimm(const char *machine, const char *mem, uint64_t want0,
		uint64_t want1)
{
	char *argv[] = { "-machine", (char *)machine, "-m", (char *)mem,
		"-object", "memory-backend-file,id=m0,share=on,mem-path=/nonexistent/a,size=1000M",
		"-device", "nvdimm,memdev=m0,id=nv0,label-size=128K",
		"-object", "memory-backend-ram,id=m2,size=1G",
		"-device", "nvdimm,memdev=m2,id=nv2", NULL };
	struct dimm_place p[3];

	CHECK_EQ_U64(place_line(argv, p), 2);
	CHECK_EQ_U64(p[0].start, want0);
	CHECK_EQ_U64(p[1].start, want1);
}

/* addr= pins a device; the next one goes to the first gap that fits (as QEMU 7.2 placed them). */
static void test_addr_pinned(void)
{
	char *argv[] = { "-machine", "pc,nvdimm=on", "-m", "1G,slots=4,maxmem=8G",
		"-object", "memory-backend-ram,id=r0,size=256M",
		"-device", "pc-dimm,memdev=r0,addr=0x108000000",
		"-object", "memory-backend-ram,id=r1,size=128M",
		"-device", "pc-dimm,memdev=r1",
		"-object", "memory-backend-ram,id=r2,size=256M",
		"-device", "pc-dimm,memdev=r2", NULL };
	struct dimm_place p[4];

	CHECK_EQ_U64(place_line(argv, p), 3);
	CHECK_EQ_U64(p[0].start, 0x108000000ULL);
	CHECK_EQ_U64(p[1].start, 0x100000000ULL);	/* fits below the pinned one */
	CHECK_EQ_U64(p[2].start, 0x118000000ULL);	/* does not: after it */
}

int main(void)
{
	test_option_syntax();
	test_pasted_line();
	test_pasted_leading_blanks();
	test_bad_values();
	test_libvirt_json_line();
	test_json_errors();
	test_placement_matches_qemu();
	test_addr_pinned();
	/* RAM above 4 GiB moves the device area: pc keeps 3G low at 4G RAM, q35 2G. */
	place_after_odd_dimm("pc,nvdimm=on", "4G,slots=4,maxmem=16G", 0x140000000ULL, 0x17e800000ULL);
	place_after_odd_dimm("q35,nvdimm=on", "3G,slots=4,maxmem=16G", 0x140000000ULL, 0x17e800000ULL);
	place_after_odd_dimm("pc,nvdimm=on", "1536M,slots=4,maxmem=16G", 0x100000000ULL, 0x13e800000ULL);
	return test_done("qemu-args");
}
