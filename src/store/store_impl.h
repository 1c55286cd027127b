/*
 * What the backends share with store.c and nobody else sees: the common head of a connection
 * and of a statement. A backend's own structs start with these.
 */
#ifndef GH_STORE_IMPL_H
#define GH_STORE_IMPL_H

#include "store/store.h"

struct store {
	const struct store_ops *ops;
	char *url; /* as opened; owned by the backend */
	int tx_depth;
	bool batch;                    /* inside a group-commit batch (batch.h): transactions are savepoints */
	const char *const *migrations; /* this dialect's schema migrations */
	int n_migrations;
};

struct stmt {
	struct store *owner;
	enum sq id;
};

/* Identifier quoting and statement text of the generic table access (store.c). Caller frees. */
char *store_quote_ident(const char *name);
char *store_column_list(const struct store_names *cols);
char *store_select_text(const char *table, const struct store_names *cols);

extern const struct store_ops store_sqlite_ops;
/* SQLite: true while the connection holds an open transaction (an I/O error or a full disk
 * makes SQLite roll the whole transaction back on its own; a batch must notice). */
bool store_sqlite_tx_open(struct store *s);
#ifdef GH_HAVE_PG
extern const struct store_ops store_pg_ops;
#endif

#endif
