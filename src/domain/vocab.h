/*
 * The member vocabularies of PRODUCT.md (ethnicity, political status, education, household
 * type, employment form with the new forms, skill level): each a table of stable API tokens
 * with their Chinese and English labels. Rosters in Chinese map to tokens through the labels
 * (and a few common spellings); the API and the store use the tokens.
 */
#ifndef GH_DOMAIN_VOCAB_H
#define GH_DOMAIN_VOCAB_H

#include <stdbool.h>

enum vocab {
	VOCAB_ETHNICITY,
	VOCAB_POLITICAL,
	VOCAB_EDUCATION,
	VOCAB_HOUSEHOLD,
	VOCAB_EMPLOYMENT,
	VOCAB_NEW_FORM,
	VOCAB_SKILL,
	VOCAB_STATUS, /* membership status */
	VOCAB__MAX
};

struct vocab_term {
	const char *token, *zh, *en;
	const char *alt; /* other spellings seen in rosters, '|'-separated, or NULL */
};

/* The token of s (a token, a Chinese label or an alternative spelling), or NULL. */
const char *vocab_find(enum vocab v, const char *s);
/* The label of a token in Chinese or English ("" if unknown). */
const char *vocab_label(enum vocab v, const char *token, bool zh);
/* The terms of a vocabulary and their count. */
const struct vocab_term *vocab_terms(enum vocab v, int *n);
/* The vocabulary's name for messages ("民族" / "ethnicity"). */
const char *vocab_name(enum vocab v, bool zh);
/* true for the political statuses of a Communist Party member (full or probationary). */
bool vocab_is_party(const char *political);

#endif
