/* charttable.c — what the charts are drawn from, read safely
 * (charttable.h): only regular files, chart tables checked before gnuplot
 * sees them, text escaped before a terminal does. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charttable.h"
#include "output.h"

#define CELL_SHOWN 40		/* bytes of a refused cell quoted */

/* See charttable.h. */
int charttable_open(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -2;
	}
	return fd;
}


/* Columns of the chart tables that hold text (axis labels, names); every
 * other column holds numbers or nothing. */
static const char *const text_columns[] = {"label", "axis", "xaxis",
					   "yaxis", "scenario", "story",
					   "band_outer", "band_inner",
					   "idle_fleet"};

/* A plain decimal number, as the chart writers print them (%.12g,
 * %.12g, %d): sign, digits with at most one point, an exponent; no
 * blanks, "inf", "nan" or hex. 1 when s is one and finite. */
static int finite_cell(const char *s)
{
	const char *p = s;
	int digits = 0;
	char *end;
	double v;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char)*p))
		p++, digits++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	return *end == '\0' && isfinite(v);
}

static int is_text_column(const char *name)
{
	for (size_t k = 0; k < sizeof text_columns / sizeof text_columns[0];
	     k++)
		if (strcmp(name, text_columns[k]) == 0)
			return 1;
	return 0;
}

/* Split line (NUL-terminated, no newline) at commas in place; the cells'
 * starts go to cells (at most max, counted all the same). */
static int split_cells(char *line, char **cells, int max)
{
	int n = 0;

	for (char *p = line;; p++) {
		if (n < max)
			cells[n] = p;
		n++;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

/* The columns of each chart table that its charts' scripts read by name
 * (the scripts in plots/): a table without one is refused before gnuplot
 * runs, with the column named, rather than left to a gnuplot error about
 * a variable. compare_fan.gp reads its table by position (one block of
 * columns per scenario), so only the year there. Columns added later
 * (chart_tornado's swing_se, the story tables' *_shown labels,
 * chart_stories' npv_short .. idle_fleet, chart_compare_readings'
 * npv_<story>_<state> and p_positive_<story>_<state>, written only with
 * an industry section) are not listed: their scripts draw without them,
 * so that a directory written by an earlier build still redraws. tests/cli_plots.sh renames each column of every table
 * in turn and checks that plot then either draws without it or names
 * it. */
static const struct {
	const char *table, *cols;
} table_columns[] = {
	{"chart_capacity_demand.csv", "year,capacity_p5,capacity_p25,"
	 "capacity_p50,capacity_p75,capacity_p95,demand_p5,demand_p25,"
	 "demand_p50,demand_p75,demand_p95,stranded_p5,stranded_p50,"
	 "stranded_p95"},
	{"chart_utilization.csv", "year,p5,p25,p50,p75,p95,full_use,"
	 "full_use_lo,full_use_hi,demand_ratio_p50"},
	{"chart_surplus.csv", "year,p_surplus,p_shortfall,surplus_share_p5,"
	 "surplus_share_p25,surplus_share_p50,surplus_share_p75,"
	 "surplus_share_p95,surplus_share_mean"},
	{"chart_cloud_npv.csv", "year,p5,p25,p50,p75,p95,mean"},
	{"chart_probabilities.csv", "year,p_launched,p_paid_back"},
	{"chart_npv_summary.csv", "p_npv_positive,mean,p50,bin_width,"
	 "outside_share,range_lo,range_hi,zero_share,not_launched_share"},
	{"chart_npv_hist.csv", "bin_mid,share"},
	{"chart_npv_cdf.csv", "npv_busd,cdf"},
	{"chart_stories.csv", "share,short,glut,has_industry,npv_mean,"
	 "p_npv_positive,hedge_ratio,has_hedge,idle_pv_busd"},
	{"chart_industry.csv", "year,tightness_p5,tightness_p25,"
	 "tightness_p50,tightness_p75,tightness_p95,price_p5,price_p25,"
	 "price_p50,price_p75,price_p95"},
	{"chart_tornado.csv", "label,value_low,value_high,low,high,base,axis"},
	{"chart_tornado_surplus.csv", "label,value_low,value_high,low,high,"
	 "base,axis"},
	{"chart_sweep_line.csv", "x,npv_mean,npv_p5,npv_p95,p_npv_positive,"
	 "xaxis"},
	{"chart_sweep_heat.csv", "x,y,npv_mean,p_npv_positive,xaxis,yaxis"},
	{"chart_compare_fan.csv", "year"},
	{"chart_compare_stories.csv", "overbuild,mismatch,shortage"},
	{"chart_compare_readings.csv", "overbuild_short,overbuild_glut,"
	 "overbuild_all,mismatch_short,mismatch_glut,mismatch_all,"
	 "shortage_short,shortage_glut,shortage_all,npv_overbuild,"
	 "npv_mismatch,npv_shortage,hedge_ratio,npv_mean"},
	{"chart_drivers.csv", "label,first,first_lo,first_hi,total,total_lo,"
	 "total_hi"},
};

/* See charttable.h. */
const char *charttable_columns(const char *table)
{
	for (size_t i = 0; i < sizeof table_columns / sizeof table_columns[0];
	     i++)
		if (strcmp(table_columns[i].table, table) == 0)
			return table_columns[i].cols;
	return NULL;
}

#define MAX_COLUMNS 4096

/* The first name of the comma-separated list need that is none of
 * head[0..n), as a pointer into need (it ends at a comma or NUL), or
 * NULL when every one is there. */
static const char *missing_column(const char *need, char **head, int n)
{
	for (const char *p = need; p && *p;) {
		size_t len = strcspn(p, ",");
		int k = 0;

		while (k < n && (strlen(head[k]) != len ||
				 strncmp(head[k], p, len) != 0))
			k++;
		if (k == n)
			return p;
		p += len + (p[len] == ',');
	}
	return NULL;
}

/* See charttable.h. */
int charttable_check(const char *dir, const char *udir, const char *name,
		     const char *need, struct diag *d)
{
	char *path = output_path_join(dir, name);
	char *upath = output_path_join(udir, name);
	char **cells = NULL, **head = NULL, *hline = NULL, *line = NULL;
	unsigned char *text = NULL;
	char shown[CELL_SHOWN * 4 + 8];
	size_t cap = 0;
	ssize_t len;
	int fd, ncols = 0, lineno = 0, rows = 0, rc = -1;
	FILE *f = NULL;

	if (!path || !upath) {
		diag_error(d, NULL, 0, 0, "out of memory");
		goto done;
	}
	fd = charttable_open(path);
	if (fd == -2) {
		diag_error(d, upath, 0, 0, "not a regular file; the charts "
			   "read only regular files");
		goto done;
	}
	if (fd < 0) {
		diag_error(d, upath, 0, 0, "cannot read: %s", strerror(errno));
		goto done;
	}
	f = fdopen(fd, "r");
	cells = calloc(MAX_COLUMNS, sizeof *cells);
	head = calloc(MAX_COLUMNS, sizeof *head);
	text = calloc(MAX_COLUMNS, 1);
	if (!f || !cells || !head || !text) {
		if (!f)
			close(fd);
		diag_error(d, NULL, 0, 0, "out of memory");
		goto done;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		int n;

		lineno++;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len) {
			diag_error(d, upath, lineno, (int)strlen(line) + 1,
				   "a NUL byte: not a chart table");
			goto done;
		}
		if (lineno == 1) {
			hline = strdup(line);
			if (!hline) {
				diag_error(d, NULL, 0, 0, "out of memory");
				goto done;
			}
			ncols = split_cells(hline, head, MAX_COLUMNS);
			if (len == 0 || ncols > MAX_COLUMNS) {
				diag_error(d, upath, 1, 1, len ? "more than %d "
					   "columns" : "no header line (the "
					   "column names)", MAX_COLUMNS);
				goto done;
			}
			for (int k = 0; k < ncols; k++)
				text[k] = (unsigned char)is_text_column(head[k]);
			const char *miss = missing_column(need, head, ncols);
			if (miss) {
				diag_error(d, upath, 1, 1, "no column '%.*s', "
					   "which its chart reads (an edited "
					   "table, or one from another "
					   "version: run the scenario again "
					   "to write it)",
					   (int)strcspn(miss, ","), miss);
				goto done;
			}
			continue;
		}
		if (len == 0)
			continue;	/* a blank line parts data blocks */
		n = split_cells(line, cells, MAX_COLUMNS);
		if (n != ncols) {
			diag_error(d, upath, lineno, 1, "%d cells where the "
				   "header has %d", n, ncols);
			goto done;
		}
		for (int k = 0; k < n; k++) {
			const char *c = cells[k];
			int bad = text[k] ? strpbrk(c, "\"") != NULL
					  : *c && !finite_cell(c);

			for (const char *q = c; text[k] && *q && !bad; q++)
				bad = (unsigned char)*q < 0x20 || *q == 0x7F;
			if (!bad)
				continue;
			text_escape(shown, sizeof shown, c,
				    strlen(c) > CELL_SHOWN ? CELL_SHOWN
							   : strlen(c), 0);
			diag_error(d, upath, lineno, (int)(c - line) + 1,
				   text[k] ? "column '%s': `%s%s` holds a "
					     "quote or a control character"
					   : "column '%s': `%s%s` is not a "
					     "finite number", head[k], shown,
				   strlen(c) > CELL_SHOWN ? "..." : "");
			goto done;
		}
		rows++;
	}
	if (ferror(f)) {
		diag_error(d, upath, 0, 0, "cannot read: %s", strerror(errno));
		goto done;
	}
	if (lineno == 0) {
		diag_error(d, upath, 0, 0, "empty: no header, no data");
		goto done;
	}
	if (rows == 0) {
		diag_error(d, upath, 0, 0, "no data, only a header line");
		goto done;
	}
	rc = 0;
done:
	if (f)
		fclose(f);
	free(line);
	free(hline);
	free(cells);
	free(head);
	free(text);
	free(path);
	free(upath);
	return rc;
}

