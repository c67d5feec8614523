// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libvirt domain reader: each element lands where libvirt 9.0 puts it
 * on the QEMU command line (sizes and slots as `virsh domxml-to-native`
 * printed them for the same XML).
 */
#include <stdlib.h>
#include "../test.h"
#include "ndctl-qemu/model/domain.h"
#include "ndctl-qemu/rules/rules.h"

static int parse_xml(struct qemu_config *cfg, struct findings *f, const char *xml)
{
	memset(f, 0, sizeof(*f));
	return qemu_domain_parse(cfg, xml, strlen(xml), f);
}

static const char two_dimms[] =
	"<domain type='qemu'><name>t</name>"
	"<maxMemory slots='4' unit='GiB'>8</maxMemory>"
	"<memory unit='KiB'>3145728</memory><vcpu>1</vcpu>"
	"<os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os>"
	"<cpu><numa><cell id='0' cpus='0' memory='1' unit='G'/></numa></cpu>"
	"<memoryBacking><access mode='shared'/></memoryBacking>"
	"<devices>"
	"<memory model='nvdimm'><source><path> /nonexistent/a.img </path>"
	"<alignsize unit='MiB'>128</alignsize><pmem/></source>"
	"<target><size unit='KiB'>1000000</size><node>0</node>"
	"<label><size unit='KiB'>128</size></label><readonly/></target>"
	"<address type='dimm' slot='0' base='0x140000000'/></memory>"
	"<memory model='virtio-pmem'><target><size>1</size></target></memory>"
	"<memory model='dimm' access='private'><target><size unit='MB'>1000</size></target></memory>"
	"</devices></domain>";

static void test_elements(void)
{
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse_xml(&cfg, &f, two_dimms), 0);
	CHECK_EQ_U64(f.n, 0);
	CHECK_EQ_STR(cfg.machine_type, "pc-q35-7.2");
	CHECK(cfg.nvdimm_on);
	CHECK(cfg.no_acpi);				/* no <features><acpi/> */
	CHECK_EQ_U64(cfg.ram_size, 1ULL << 30);		/* the NUMA cells */
	CHECK_EQ_U64(cfg.slots, 4);
	CHECK_EQ_U64(cfg.maxmem, 8ULL << 30);
	CHECK_EQ_U64(cfg.nbackends, 2);			/* virtio-pmem is no DIMM */
	CHECK_EQ_U64(cfg.backends[0].kind, BACKEND_FILE);
	CHECK_EQ_STR(cfg.backends[0].mem_path, "/nonexistent/a.img");
	CHECK_EQ_U64(cfg.backends[0].size, 1025507328);	/* rounded up to 2 MiB */
	CHECK_EQ_U64(cfg.backends[0].share, 1);		/* <memoryBacking> */
	CHECK_EQ_U64(cfg.backends[0].align, 128 << 20);
	CHECK(cfg.backends[0].pmem);
	CHECK_EQ_U64(cfg.backends[1].kind, BACKEND_RAM);
	CHECK_EQ_U64(cfg.backends[1].size, 1000341504);	/* 1000 MB, 10^6 bytes each */
	CHECK_EQ_U64(cfg.backends[1].share, 0);		/* access= wins */
	CHECK_EQ_U64(cfg.nmemdevs, 2);
	CHECK(cfg.memdevs[0].nvdimm);
	CHECK(cfg.memdevs[0].unarmed);
	CHECK_EQ_U64(cfg.memdevs[0].label_size, 128 << 10);
	CHECK_EQ_U64(cfg.memdevs[0].addr, 0x140000000ULL);
	CHECK_EQ_U64(cfg.memdevs[0].slot, 0);
	CHECK(!cfg.memdevs[1].nvdimm);
	CHECK_EQ_U64(cfg.memdevs[1].slot, 1);		/* the lowest free one */
	CHECK(cfg.memdevs[1].backend == &cfg.backends[1]);
	qemu_config_free(&cfg);
	findings_free(&f);
}

/* Without NUMA, boot RAM is <memory> minus the DIMMs (and libvirt wants a cell). */
static void test_no_numa(void)
{
	static const char xml[] =
		"<domain><memory unit='GiB'>3</memory><features><acpi/></features>"
		"<maxMemory slots='1' unit='GiB'>4</maxMemory><devices>"
		"<memory model='nvdimm' access='shared'><source><path>/nonexistent/b</path>"
		"</source><target><size unit='GiB'>1</size></target>"
		"<address type='dimm' slot='3'/></memory></devices></domain>";
	struct qemu_config cfg;
	struct findings f;

	CHECK_EQ_U64(parse_xml(&cfg, &f, xml), 0);
	CHECK_EQ_U64(f.n, 1);
	CHECK_EQ_STR(f.v[0].id, "domain-xml");
	CHECK(f.v[0].libvirt_refuses);
	CHECK(!cfg.no_acpi);
	CHECK_EQ_STR(cfg.machine_type, "pc");
	CHECK_EQ_U64(cfg.ram_size, 2ULL << 30);
	CHECK_EQ_U64(cfg.memdevs[0].slot, 3);
	qemu_check(&cfg, &f);
	qemu_domain_annotate(&cfg, &f);
	CHECK(findings_have_id(&f, "slot"));		/* 3 >= slots='1' */
	for (size_t i = 0; i < f.n; i++)
		if (!strcmp(f.v[i].id, "slot")) {
			CHECK(f.v[i].libvirt_refuses);
			CHECK(strstr(f.v[i].message, "<address type='dimm'") != NULL);
		}
	qemu_config_free(&cfg);
	findings_free(&f);
}

static void expect_refused(const char *xml)
{
	struct qemu_config cfg;
	struct findings f;

	CHECK(parse_xml(&cfg, &f, xml) == -1 || findings_have_id(&f, "domain-xml"));
	CHECK(findings_have_id(&f, "domain-xml"));
	CHECK(findings_have_error(&f));
	qemu_config_free(&cfg);
	findings_free(&f);
}

static void test_bad_input(void)
{
	expect_refused("");
	expect_refused("<domain><memory>");
	expect_refused("<network/>");
	expect_refused("<domain><memory unit='parsec'>1</memory></domain>");
	expect_refused("<domain><memory>-1</memory></domain>");
	expect_refused("<domain><memory unit='EiB'>99</memory></domain>");	/* overflows */
	expect_refused("<domain><memory>1</memory><devices><memory model='nvdimm'>"
		"<target><size>1x</size></target></memory></devices></domain>");
	expect_refused("<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
		"<domain><memory>&x;</memory></domain>");
}

int main(void)
{
	test_elements();
	test_no_numa();
	test_bad_input();
	return test_done("domain");
}
