// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the DSM transport's handling of what a DIMM replies. This
 * executable's ioctl() stands in for the kernel: GET_CONFIG_SIZE answers
 * with a status, a config size and a max_xfer taken from the input, each
 * GET_CONFIG_DATA with the next status word and bytes of it. The area is
 * then loaded (index blocks, in-use slots) and validated.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/ndctl.h>
#include <ndctl/libndctl.h>
#include "fuzz-lsa.h"

static const uint8_t *in;
static size_t in_left;

static void take(void *out, size_t n)
{
	size_t k = n < in_left ? n : in_left;

	memset(out, 0, n);
	memcpy(out, in, k);
	in += k;
	in_left -= k;
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	(void)fd;
	if (req == ND_IOCTL_GET_CONFIG_SIZE) {
		struct nd_cmd_get_config_size *sz = arg;
		uint8_t raw[6];

		take(raw, sizeof(raw));
		sz->status = raw[0] == 0xff ? 1 : 0;
		sz->config_size = (uint32_t)(raw[1] | raw[2] << 8 | (raw[3] & 0x1f) << 16);	/* < 2 MiB */
		sz->max_xfer = (uint32_t)(raw[4] | (raw[5] & 0x1f) << 8);
		return 0;
	}
	if (req == ND_IOCTL_GET_CONFIG_DATA) {
		struct nd_cmd_get_config_data_hdr *h = arg;
		uint8_t st;

		take(&st, 1);
		h->status = st == 0xff ? 3 : 0;
		take(h->out_buf, h->in_length);
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ndctl_lsa_xport *t = NULL;
	struct ndctl_lsa *lsa;
	struct ndctl_lsa_finding *f;
	unsigned nf;

	in = data;
	in_left = size;
	if (ndctl_lsa_dsm_open(NULL, "/dev/null", NDCTL_LSA_NOWAIT, &t) == 0 &&
	    ndctl_lsa_load(t, 0, &lsa) == 0) {
		if (ndctl_lsa_validate(lsa, NULL, &f, &nf) >= 0)
			free(f);
		ndctl_lsa_free(lsa);
	}
	ndctl_lsa_xport_close(t);
	return 0;
}
