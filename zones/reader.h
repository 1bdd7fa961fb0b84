/* reader.h -- splits a master file into logical records.
 *
 * ldns cannot be handed the FILE (LDNS.md §2.6): it loses $INCLUDE names and
 * reports the last line of a record, not the first.  The reader finds where
 * each record ends across parentheses, quotes, backslash escapes and ';'
 * comments, and returns the record as one line of text with comments
 * dropped and parentheses and line breaks turned into blanks, together with
 * the number of its first physical line.  It reads in fixed-size blocks:
 * memory does not grow with the file.
 */
#ifndef RDA_READER_H
#define RDA_READER_H

#include <stdbool.h>
#include <stdio.h>

#define READER_MAX (512 * 1024)	/* longest record text accepted */

struct reader {
	FILE *fp;
	unsigned line;		/* physical lines read so far */
	unsigned first;		/* first line of the record returned */
	bool blank_owner;	/* the record started with a blank */
	char *text;		/* the record, NUL-terminated */
	size_t len, cap;
	unsigned char blk[65536];
	size_t pos, end;
	bool eof;
	long long bytes;	/* bytes consumed */
};

/* Prepares R to read FP (not closed by the reader). */
void reader_init(struct reader *r, FILE *fp);

/* Reads the next record.  Returns 1 with the record in r->text, 0 at the
 * end of the file, or RDA_ESYNTAX with a reason in ERR (the bad record has
 * been skipped and r->first names its first line: call again to go on), or
 * RDA_EIO / RDA_ENOMEM. */
int reader_next(struct reader *r, char *err, size_t errlen);

void reader_clear(struct reader *r);

#endif
