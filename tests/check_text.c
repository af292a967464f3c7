/* check_text.c — display width and word wrap of chart text
 * (sim/util/textwrap.c): wide CJK characters count two columns, no
 * locale is used, and no line is cut inside a UTF-8 sequence. The
 * expected lines are worked out by hand in the comments. */
#include <locale.h>

#include "testutil.h"
#include "text.h"

/* text_wrap of S (w, slack, maxlines) into the test's char out[]: N
 * lines reading WANT. A macro, so that a failure names the test's line. */
#define WRAPS(S, W, SLACK, MAXL, N, WANT)                                      \
	do {                                                                   \
		ck_assert_int_eq(text_wrap(out, sizeof out, S, W, SLACK, MAXL), \
				 N);                                           \
		ck_assert_str_eq(out, WANT);                                   \
	} while (0)

/* 1 when s is valid UTF-8 from end to end. */
static int valid_utf8(const char *s)
{
	while (*s) {
		size_t k = text_utf8_len((const unsigned char *)s);

		if (k == 0)
			return 0;
		s += k;
	}
	return 1;
}

START_TEST(test_text_width_by_hand)
{
	unsigned long cp;

	setlocale(LC_ALL, "C");	/* no UTF-8 locale needed */
	ck_assert_uint_eq(text_width(""), 0);
	ck_assert_uint_eq(text_width("Meta base"), 9);
	/* é (2 bytes), – (3 bytes), … (3 bytes): one column each */
	ck_assert_uint_eq(text_width("\xC3\xA9\xE2\x80\x93\xE2\x80\xA6"), 3);
	/* 日本語 6, abc 3 */
	ck_assert_uint_eq(text_width("日本語abc"), 9);
	/* Hangul 한국 (U+D55C, U+AD6D) 4; fullwidth Ａ (U+FF21) 2;
	 * halfwidth ｱ (U+FF71) 1; U+303F (half-fill space) 1 */
	ck_assert_uint_eq(text_width("한국"), 4);
	ck_assert_uint_eq(text_width("Ａ"), 2);
	ck_assert_uint_eq(text_width("ｱ"), 1);
	ck_assert_uint_eq(text_width("\xE3\x80\xBF"), 1);
	/* U+20000 (4 bytes, CJK extension B) 2; U+1F600 not in the table */
	ck_assert_uint_eq(text_width("\xF0\xA0\x80\x80"), 2);
	ck_assert_uint_eq(text_width("\xF0\x9F\x98\x80"), 1);
	/* range ends: U+1100 and U+115F wide, U+1160 not */
	ck_assert_int_eq(text_cp_width(0x1100), 2);
	ck_assert_int_eq(text_cp_width(0x115F), 2);
	ck_assert_int_eq(text_cp_width(0x1160), 1);
	ck_assert_int_eq(text_cp_width(0xA4CF), 2);
	ck_assert_int_eq(text_cp_width(0xA4D0), 1);
	ck_assert_int_eq(text_cp_width(0xFF60), 2);
	ck_assert_int_eq(text_cp_width(0xFF61), 1);
	/* decoding by hand; an invalid byte is one byte, U+FFFD */
	ck_assert_uint_eq(text_utf8_decode("語", &cp), 3);
	ck_assert_uint_eq(cp, 0x8A9E);
	ck_assert_uint_eq(text_utf8_decode("\xFF" "a", &cp), 1);
	ck_assert_uint_eq(cp, 0xFFFD);
}
END_TEST

START_TEST(test_text_wrap_cjk_by_hand)
{
	char out[256];

	setlocale(LC_ALL, "C");
	/* 20 wide characters, 40 columns, at 10 columns a line:
	 * メタ基本ケ fills 10, but ー may not start a line: back to the
	 * break before ケ -> メタ基本 (8). ケース（日 is 10; 本 would be 12
	 * -> ケース（日. 本語の長い 10 -> 本語の長い. シナリオ名 is 10,
	 * but ） may not start a line: back before 名 -> シナリオ. Then
	 * 名）. A count of characters (20 in 10-character lines) would give
	 * two lines of 20 columns each. */
	WRAPS("メタ基本ケース（日本語の長いシナリオ名）", 10, 2, 0, 5,
	      "メタ基本\nケース（日\n本語の長い\nシナリオ\n名）");
	/* Chinese without punctuation: 17 characters, 34 columns, at 8:
	 * four characters a line, no hyphen between wide characters */
	WRAPS("元宇宙基本情况中文场景名称很长很长", 8, 1, 0, 5,
	      "元宇宙基\n本情况中\n文场景名\n称很长很\n长");
	/* mixed: "Meta" 4 + space 1 + 基 2 = 7; 本 would be 9 > 8: break
	 * before it (between two characters, one wide); 本ケース is 8 */
	WRAPS("Meta 基本ケース", 8, 1, 0, 2, "Meta 基\n本ケース");
	/* at most two lines of 10: 一二三四五 (10); the rest (20 columns)
	 * does not fit, so the second line takes 9 columns, 4 characters,
	 * and an ellipsis */
	WRAPS("一二三四五六七八九十一二三四五", 10, 0, 2, 2,
	      "一二三四五\n六七八九…");
	ck_assert(valid_utf8(out));
}
END_TEST

START_TEST(test_text_wrap_latin_as_before)
{
	char out[256];

	/* the rules of the gnuplot cs_wrap it replaces: at 8 columns with
	 * a fifth (1) of slack, "Insurance" (9) stays whole, "against"
	 * fits, "overbuilding" (12) is cut after 7 with a hyphen */
	WRAPS("Insurance against overbuilding", 8, 1, 0, 4,
	      "Insurance\nagainst\noverbui-\nlding");
	/* a cut after the word's own hyphen (its 8th column) adds none;
	 * nor one after its 7th: "abcdef-" then "ghijklmn" (8) */
	WRAPS("abcdefg-hijklmnop", 8, 1, 0, 2, "abcdefg-\nhijklmnop");
	text_wrap(out, sizeof out, "abcdef-ghijklmn", 8, 1, 0);
	ck_assert_str_eq(out, "abcdef-\nghijklmn");
	/* two-byte letters: cut after 5 characters and a hyphen, never
	 * inside a character */
	WRAPS("ééééééééé", 6, 1, 0, 2, "ééééé-\néééé");
	/* a word of code gets no hyphen, which would read as its own: at
	 * 17 columns "(B: supply.power_gw=1000)" was "supply.power_gw=-"
	 * (a power of -1000); it breaks after the '=' (the last mark in
	 * the line's second half), "growth.then" after the '.', and with
	 * no mark in the second half at the 17th column */
	WRAPS("(B: supply.power_gw=1000)", 17, 3, 0, 3,
	      "(B:\nsupply.power_gw=\n1000)");
	WRAPS("(B: industry.growth.then_growth=0)", 17, 3, 0, 3,
	      "(B:\nindustry.growth.\nthen_growth=0)");
	WRAPS("a.bcdefghijklmnopqrstuvwxyz", 8, 1, 0, 4,
	      "a.bcdefg\nhijklmno\npqrstuvw\nxyz");
	/* a minus sign stays with its number: "cost_decline=-" then "0.1)"
	 * read as a cost decline of 0.1 (at the 14th column, the cut after
	 * a hyphen of the word's own), "growth=-" then "0.1)" too (the
	 * last mark in the second half) */
	WRAPS("x (B: supply.nvidia.cost_decline=-0.1)", 14, 2, 0, 4,
	      "x (B:\nsupply.nvidia.\ncost_decline=\n-0.1)");
	WRAPS("Base (B: market.market_growth=-0.1)", 9, 1, 0, 5,
	      "Base (B:\nmarket.\nmarket_\ngrowth=\n-0.1)");
	/* prose keeps its hyphen */
	WRAPS("overbuilding", 8, 1, 0, 2, "overbui-\nlding");
	/* short text as is; spaces at the ends dropped */
	WRAPS(" Meta base ", 20, 4, 0, 1, "Meta base");
	WRAPS("", 20, 4, 0, 0, "");
}
END_TEST

/* A buffer too small for the wrapped text: it ends at a whole
 * character, every size from 1 up. */
START_TEST(test_text_wrap_small_buffer_whole_characters)
{
	const char *s = "日本語のシナリオ名 with a long tail é";

	for (size_t n = 1; n < 80; n++) {
		char out[80];

		text_wrap(out, n, s, 6, 1, 3);
		ck_assert_uint_lt(strlen(out), n);
		ck_assert(valid_utf8(out));
	}
}
END_TEST

/* Review fixes: no "…" when only trailing spaces were left out; the
 * ellipsis's line within w when its first character is wide (w = 2); the
 * return value the number of lines in out when out is too small (no
 * line break with nothing after it, no line counted that is not there). */
START_TEST(test_text_wrap_edges)
{
	char out[64];

	WRAPS("abc   ", 5, 0, 1, 1, "abc");
	WRAPS("aaaa bbbb   ", 5, 0, 2, 2, "aaaa\nbbbb");
	/* 中… would be 3 columns on a line of 2 */
	WRAPS("中文字", 2, 0, 1, 1, "…");
	ck_assert_uint_le(text_width(out), 2);
	/* "hello\nworld" in 6 bytes: "hello", one line */
	ck_assert_int_eq(text_wrap(out, 6, "hello world", 5, 0, 0), 1);
	ck_assert_str_eq(out, "hello");
	ck_assert_int_eq(text_wrap(out, 7, "hello world", 5, 0, 0), 1);
	ck_assert_str_eq(out, "hello");
	/* nothing fits: no line */
	ck_assert_int_eq(text_wrap(out, 1, "hello world", 5, 0, 0), 0);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(text_wrap(out, 3, "中", 5, 0, 0), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

/* text_chart_clean: a bidi override (U+202E, E2 80 AE), a line break, a
 * tab, DEL, a C1 control (U+0085, C2 85) and a lone continuation byte
 * each become one '?', a sequence cut short (E6 97) one '?' a byte; CJK, an accent and the zero-
 * width joiner (U+200D, kept: scripts and emoji need it) stay. */
START_TEST(test_text_chart_clean)
{
	char a[] = "rtl\xe2\x80\xae, 100%";
	char b[] = "a\nb\tc\x7f" "d\xc2\x85" "e\x80" "f\xe6\x97";
	char c[] = "\xe6\x97\xa5\xe6\x9c\xac caf\xc3\xa9 x\xe2\x80\x8dy";

	ck_assert_str_eq(text_chart_clean(a), "rtl?, 100%");
	ck_assert_str_eq(text_chart_clean(b), "a?b?c?d?e?f??");
	ck_assert_str_eq(text_chart_clean(c),
			 "\xe6\x97\xa5\xe6\x9c\xac caf\xc3\xa9 x\xe2\x80\x8dy");
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_text_width_by_hand);
	tcase_add_test(tc, test_text_wrap_cjk_by_hand);
	tcase_add_test(tc, test_text_wrap_latin_as_before);
	tcase_add_test(tc, test_text_wrap_small_buffer_whole_characters);
	tcase_add_test(tc, test_text_wrap_edges);
	tcase_add_test(tc, test_text_chart_clean);
	suite_add_tcase(s, tc);
	return s;
}

CHECK_MAIN(text_suite)
