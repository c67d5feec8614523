// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "xport.h"
#include "../lsa-test.h"

/*
 * Memory transport. The fault flavour models a medium for crash tests: it
 * can fail or tear its n-th write (then lose power: every later write fails)
 * or fail only that one write (a transient error), and it logs the writes
 * not yet synced so that a power cut can keep any subset of them.
 */
struct pending_write {
	uint64_t off;
	size_t len;
	uint8_t *bytes;
};

struct mem_xport {
	struct ndctl_lsa_xport base;
	uint8_t *data;
	bool fault;
	unsigned writes_left;	/* 0: disarmed */
	long tear_bytes;
	bool transient;		/* only the armed write fails */
	bool tripped;
	uint8_t *durable;	/* fault: the medium as of the last sync */
	struct pending_write *log;
	unsigned nlog;
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

static int log_write(struct mem_xport *m, uint64_t off, const void *buf, size_t len)
{
	struct pending_write *nl = realloc(m->log, (m->nlog + 1) * sizeof(*nl));
	uint8_t *copy = malloc(len ? len : 1);

	if (nl)
		m->log = nl;
	if (!nl || !copy) {
		free(copy);
		return lsa_xport_err(&m->base, -ENOMEM, "out of memory");
	}
	memcpy(copy, buf, len);
	m->log[m->nlog++] = (struct pending_write){ off, len, copy };
	return 0;
}

/* An armed fault on this write? Returns the error, having written what the tear keeps. */
static int inject(struct mem_xport *m, uint64_t off, const void *buf, size_t len)
{
	size_t keep;

	if (m->tripped)
		return lsa_xport_err(&m->base, -EIO, "injected fault: medium gone after an earlier failure");
	if (!m->writes_left || --m->writes_left)
		return 0;
	m->tripped = !m->transient;
	keep = m->tear_bytes > 0 && (size_t)m->tear_bytes < len ? (size_t)m->tear_bytes : len;
	if (m->tear_bytes > 0) {
		memcpy(m->data + off, buf, keep);
		if (m->fault && log_write(m, off, buf, keep) < 0)
			return -ENOMEM;
	}
	return lsa_xport_err(&m->base, -EIO, "injected fault on this write");
}

static int mem_write(struct ndctl_lsa_xport *t, uint64_t off, const void *buf, size_t len)
{
	struct mem_xport *m = to_mem(t);
	int rc = inject(m, off, buf, len);

	if (rc < 0)
		return rc;
	if (m->fault && (rc = log_write(m, off, buf, len)) < 0)
		return rc;
	memcpy(m->data + off, buf, len);
	return 0;
}

static void drop_log(struct mem_xport *m)
{
	while (m->nlog)
		free(m->log[--m->nlog].bytes);
}

static int mem_sync(struct ndctl_lsa_xport *t)
{
	struct mem_xport *m = to_mem(t);

	if (m->tripped)
		return lsa_xport_err(t, -EIO, "injected fault: medium gone after an earlier failure");
	if (m->fault) {
		memcpy(m->durable, m->data, t->size);
		drop_log(m);
	}
	return 0;
}

static void mem_close(struct ndctl_lsa_xport *t)
{
	struct mem_xport *m = to_mem(t);

	drop_log(m);
	free(m->log);
	free(m->durable);
	free(m->data);
	free(t);
}

static const struct lsa_xport_ops mem_ops = {
	.read = mem_read,
	.write = mem_write,
	.sync = mem_sync,
	.close = mem_close,
};

static int mem_create(struct ndctl_ctx *ctx, const void *init, size_t size, uint32_t max_xfer,
		bool fault, struct ndctl_lsa_xport **out)
{
	struct mem_xport *m = calloc(1, sizeof(*m));

	*out = NULL;
	if (!m)
		return lsa_xport_nomem(ctx, "a memory buffer");
	m->data = calloc(1, size ? size : 1);
	m->durable = fault ? calloc(1, size ? size : 1) : NULL;
	if (!m->data || (fault && !m->durable)) {
		mem_close(&m->base);	/* frees what was allocated; no context taken yet */
		return lsa_xport_nomem(ctx, "a memory buffer");
	}
	if (init)
		memcpy(m->data, init, size);
	if (init && fault)
		memcpy(m->durable, init, size);
	lsa_xport_init(&m->base, &mem_ops, ctx, true);	/* no lock: nobody else reaches it */
	m->base.size = size;
	m->base.max_xfer = max_xfer;
	m->fault = fault;
	*out = &m->base;
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_mem_new(struct ndctl_ctx *ctx, const void *init, size_t size,
		uint32_t max_xfer, struct ndctl_lsa_xport **out)
{
	return mem_create(ctx, init, size, max_xfer, false, out);
}

int ndctl_lsa_fault_new(struct ndctl_ctx *ctx, const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out)
{
	return mem_create(ctx, init, size, max_xfer, true, out);
}

const uint8_t *ndctl_lsa_mem_data(const struct ndctl_lsa_xport *t)
{
	return t->ops == &mem_ops ? to_mem(t)->data : NULL;
}

static struct mem_xport *to_fault(const struct ndctl_lsa_xport *t)
{
	return t->ops == &mem_ops && to_mem(t)->fault ? to_mem(t) : NULL;
}

static void arm(struct ndctl_lsa_xport *t, unsigned nth_write, long tear_bytes, bool transient)
{
	struct mem_xport *m = to_fault(t);

	if (!m)
		return;
	m->writes_left = nth_write;
	m->tear_bytes = tear_bytes;
	m->transient = transient;
	m->tripped = false;
}

void ndctl_lsa_fault_arm(struct ndctl_lsa_xport *t, unsigned nth_write, long tear_bytes)
{
	arm(t, nth_write, tear_bytes, false);
}

void ndctl_lsa_fault_arm_once(struct ndctl_lsa_xport *t, unsigned nth_write)
{
	arm(t, nth_write, -1, true);
}

bool ndctl_lsa_fault_tripped(const struct ndctl_lsa_xport *t)
{
	return t->ops == &mem_ops && to_mem(t)->tripped;
}

unsigned ndctl_lsa_fault_unsynced(const struct ndctl_lsa_xport *t)
{
	struct mem_xport *m = to_fault(t);

	return m ? m->nlog : 0;
}

void ndctl_lsa_fault_power_cut(struct ndctl_lsa_xport *t, uint64_t keep)
{
	struct mem_xport *m = to_fault(t);
	unsigned i;

	if (!m)
		return;
	memcpy(m->data, m->durable, t->size);
	for (i = 0; i < m->nlog; i++)
		if (keep >> (i < 63 ? i : 63) & 1)
			memcpy(m->data + m->log[i].off, m->log[i].bytes, m->log[i].len);
	memcpy(m->durable, m->data, t->size);
	drop_log(m);
	m->tripped = false;
	m->writes_left = 0;
}
