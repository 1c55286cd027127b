/*
 * The statement table: the text and name of each enum sq, from the list in sql.h.
 */
#include "store/sql.h"

#define SQ_TEXT(name, text) [name] = text,
#define SQ_NAME(name, text) [name] = #name,
static const char *const texts[SQ__MAX] = {SQ_LIST(SQ_TEXT)};
static const char *const names[SQ__MAX] = {SQ_LIST(SQ_NAME)};

const char *sql_text(enum sq id)
{
	return (id >= 0 && id < SQ__MAX) ? texts[id] : "";
}

const char *sql_name(enum sq id)
{
	return (id >= 0 && id < SQ__MAX) ? names[id] : "?";
}
