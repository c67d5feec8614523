// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "xport.h"
#include "../lsa-test.h"

/* Memory transport, optionally failing or tearing its n-th write (crash tests). */
struct mem_xport {
	struct ndctl_lsa_xport base;
	uint8_t *data;
	bool fault;
	unsigned writes_left;	/* 0: disarmed */
	long tear_bytes;
	bool tripped;
};

static struct mem_xport *to_mem(const struct ndctl_lsa_xport *t)
{
	return (struct mem_xport *)t;
}

static int mem_read(struct ndctl_lsa_xport *t, uint64_t off, void *buf, size_t len)
{
	memcpy(buf, to_mem(t)->data + off, len);
	return 0;
}

static int mem_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len)
{
	struct mem_xport *m = to_mem(t);

	if (m->tripped)
		return lsa_xport_err(t, -EIO, "injected fault: medium gone after an earlier failure");
	if (m->writes_left && --m->writes_left == 0) {
		m->tripped = true;
		if (m->tear_bytes > 0)
			memcpy(m->data + off, buf, (size_t)m->tear_bytes < len ? (size_t)m->tear_bytes : len);
		return lsa_xport_err(t, -EIO, "injected fault on this write");
	}
	memcpy(m->data + off, buf, len);
	return 0;
}

static void mem_close(struct ndctl_lsa_xport *t)
{
	free(to_mem(t)->data);
	free(t);
}

static const struct lsa_xport_ops mem_ops = {
	.read = mem_read,
	.write = mem_write,
	.close = mem_close,
};

static int mem_create(const void *init, size_t size, uint32_t max_xfer, bool fault,
		struct ndctl_lsa_xport **out)
{
	struct mem_xport *m = calloc(1, sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->data = calloc(1, size ? size : 1);
	if (!m->data) {
		free(m);
		return -ENOMEM;
	}
	if (init)
		memcpy(m->data, init, size);
	m->base.ops = &mem_ops;
	m->base.size = size;
	m->base.max_xfer = max_xfer;
	m->base.writable = true;
	m->fault = fault;
	*out = &m->base;
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_mem_new(const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out)
{
	return mem_create(init, size, max_xfer, false, out);
}

int ndctl_lsa_fault_new(const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out)
{
	return mem_create(init, size, max_xfer, true, out);
}

const uint8_t *ndctl_lsa_mem_data(const struct ndctl_lsa_xport *t)
{
	return t->ops == &mem_ops ? to_mem(t)->data : NULL;
}

void ndctl_lsa_fault_arm(struct ndctl_lsa_xport *t, unsigned nth_write, long tear_bytes)
{
	struct mem_xport *m = to_mem(t);

	if (t->ops != &mem_ops || !m->fault)
		return;
	m->writes_left = nth_write;
	m->tear_bytes = tear_bytes;
	m->tripped = false;
}

bool ndctl_lsa_fault_tripped(const struct ndctl_lsa_xport *t)
{
	return t->ops == &mem_ops && to_mem(t)->tripped;
}
