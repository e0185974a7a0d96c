/* Energy ledger (physics/energy.c): items kept as booked (more than the first allocation), totals per
 * stage and for the route, thermal/electric split and minima by hand sums, the conversion to kWh per kWh
 * of cell, the printed table read back, and the refusal of negative or non-finite items. */
#include "energy.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = fabs(got - want) <= rtol * fabs(want) || got == want;
  printf("  %-64s %.10g (want %.10g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

#define NITEMS 40 /* more than the first allocation of the ledger (16) */

/* Item i: stage "s<i%3>", energy 36000 (i+1) J/m2 = 0.01 (i+1) kWh/m2, minimum half of it; even items
 * thermal, odd electric. */
static PetscReal ItemEnergy(int i)
{
  return 36000.0 * (i + 1);
}

int main(int argc, char **argv)
{
  Ledger         l;
  PetscInt       n;
  PetscErrorCode st;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  printf("conversions\n");
  Check("J per kWh", J_PER_KWH, 3.6e6, 0);
  Check("3.6e6 J/m2 on a 1000 Wh/m2 electrode: 1 kWh/kWh", EnergyPerCellEnergy(3.6e6, 1000.0), 1.0, 1e-15);
  Check("7200 J/m2 on 142.08 Wh/m2: (7200/3.6e6)/(142.08/1e3)", EnergyPerCellEnergy(7200.0, 142.08), 0.002 / 0.14208,
        1e-14);
  Check("no capacity: 0", EnergyPerCellEnergy(7200.0, 0.0), 0.0, 0);
  Check("negative capacity: 0", EnergyPerCellEnergy(7200.0, -5.0), 0.0, 0);
  Check("kind names",
        !strcmp(EnergyKinds[ENERGY_THERMAL], "thermal") && !strcmp(EnergyKinds[ENERGY_ELECTRIC], "electric"), 1, 0);

  printf("a ledger of %d items over 3 stages\n", NITEMS);
  PetscCall(LedgerCreate(&l));
  for (int i = 0; i < NITEMS; i++) {
    char stage[16], item[32], note[32];
    snprintf(stage, sizeof(stage), "s%d", i % 3);
    snprintf(item, sizeof(item), "item %d", i);
    snprintf(note, sizeof(note), "note %d", i);
    PetscCall(LedgerAdd(l, stage, item, i % 2 ? ENERGY_ELECTRIC : ENERGY_THERMAL, ItemEnergy(i), 0.5 * ItemEnergy(i),
                        i == 5 ? NULL : note));
  }
  PetscCall(LedgerGetSize(l, &n));
  Check("size", n, NITEMS, 0);
  {
    int ok = 1;
    for (int i = 0; i < NITEMS; i++) {
      const LedgerEntry *e;
      char               stage[16], item[32], note[32];
      snprintf(stage, sizeof(stage), "s%d", i % 3);
      snprintf(item, sizeof(item), "item %d", i);
      snprintf(note, sizeof(note), "note %d", i);
      PetscCall(LedgerGetEntry(l, i, &e));
      ok &= !strcmp(e->stage, stage) && !strcmp(e->item, item) && !strcmp(e->note, i == 5 ? "" : note) &&
            e->kind == (i % 2 ? ENERGY_ELECTRIC : ENERGY_THERMAL) && e->energy == ItemEnergy(i) &&
            e->minimum == 0.5 * ItemEnergy(i);
    }
    Check("every entry as booked (stage, item, kind, energy, minimum, note)", ok, 1, 0);
  }
  {
    PetscReal t, th, el, mn, want[3] = {0, 0, 0}, wth = 0, wel = 0;
    for (int i = 0; i < NITEMS; i++) {
      want[i % 3] += ItemEnergy(i);
      if (i % 2)
        wel += ItemEnergy(i);
      else
        wth += ItemEnergy(i);
    }
    /* route: 36000 x (1 + ... + 40) = 36000 x 820 */
    PetscCall(LedgerGetTotals(l, NULL, &t, &th, &el, &mn));
    Check("route total 36000 x 820 J/m2", t, 36000.0 * 820, 1e-15);
    Check("thermal: even items 36000 x (1 + 3 + ... + 39) = 36000 x 400", th, 36000.0 * 400, 1e-15);
    Check("electric: odd items 36000 x (2 + 4 + ... + 40) = 36000 x 420", el, 36000.0 * 420, 1e-15);
    Check("minimum: half", mn, 0.5 * 36000.0 * 820, 1e-15);
    Check("thermal + electric (loop sums)", th + el, wth + wel, 1e-15);
    for (int s = 0; s < 3; s++) {
      char stage[8], what[64];
      snprintf(stage, sizeof(stage), "s%d", s);
      PetscCall(LedgerGetTotals(l, stage, &t, NULL, NULL, &mn));
      snprintf(what, sizeof(what), "stage %s total (items i = %d mod 3)", stage, s);
      Check(what, t, want[s], 1e-15);
      snprintf(what, sizeof(what), "stage %s minimum", stage);
      Check(what, mn, 0.5 * want[s], 1e-15);
    }
    PetscCall(LedgerGetTotals(l, "none", &t, &th, &el, &mn));
    Check("a stage with no items: 0", t + th + el + mn, 0.0, 0);
  }

  printf("the printed table (areal energy 100 Wh/m2) read back\n");
  {
    PetscViewer v;
    FILE       *fp;
    char        line[512];
    int         rows = 0, ok = 1, total_ok = 0;
    PetscCall(PetscViewerASCIIOpen(PETSC_COMM_WORLD, "ledger_view.txt", &v));
    PetscCall(LedgerView(l, 100.0, v));
    PetscCall(PetscViewerDestroy(&v));
    fp = fopen("ledger_view.txt", "r");
    PetscCheck(fp, PETSC_COMM_SELF, PETSC_ERR_FILE_OPEN, "no ledger_view.txt");
    while (fgets(line, sizeof(line), fp)) {
      char   stage[32], word[32], kind[32];
      int    i;
      double kwh, per_cell, mn;
      if (sscanf(line, " %31s %31s %d %31s %lf %lf %lf", stage, word, &i, kind, &kwh, &per_cell, &mn) == 7 &&
          !strcmp(word, "item")) {
        /* 0.01 (i+1) kWh/m2, / 0.1 kWh/m2 of cell = 0.1 (i+1), minimum 0.005 (i+1) */
        ok &= fabs(kwh - 0.01 * (i + 1)) < 0.6e-5 && fabs(per_cell - 0.1 * (i + 1)) < 0.6e-4 &&
              fabs(mn - 0.005 * (i + 1)) < 0.6e-5 && !strcmp(kind, i % 2 ? "electric" : "thermal");
        rows++;
      } else if (sscanf(line, " total %lf %lf %lf", &kwh, &per_cell, &mn) == 3) {
        /* 36000 x 820 J/m2 = 8.2 kWh/m2, 82 kWh/kWh_cell, minimum 4.1 */
        total_ok = fabs(kwh - 8.2) < 0.6e-5 && fabs(per_cell - 82.0) < 0.6e-4 && fabs(mn - 4.1) < 0.6e-5;
      }
    }
    fclose(fp);
    Check("one row per item", rows, NITEMS, 0);
    Check("rows: kWh/m2 = J/3.6e6, kWh/kWh_cell = kWh/m2 / 0.1, minimum", ok, 1, 0);
    Check("total row: 8.2 kWh/m2, 82 kWh/kWh_cell, minimum 4.1", total_ok, 1, 0);
  }

  printf("refused items\n");
  PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
  st = LedgerAdd(l, "s0", "negative", ENERGY_THERMAL, -1.0, 0.0, NULL);
  Check("negative energy: error", st == PETSC_ERR_PLIB, 1, 0);
  st = LedgerAdd(l, "s0", "negative minimum", ENERGY_THERMAL, 1.0, -1.0, NULL);
  Check("negative minimum: error", st == PETSC_ERR_PLIB, 1, 0);
  st = LedgerAdd(l, "s0", "not a number", ENERGY_THERMAL, (PetscReal) NAN, 0.0, NULL);
  Check("NaN: error", st == PETSC_ERR_FP, 1, 0);
  st = LedgerAdd(l, "s0", "infinite", ENERGY_THERMAL, (PetscReal) INFINITY, 0.0, NULL);
  Check("infinity: error", st == PETSC_ERR_FP, 1, 0);
  {
    const LedgerEntry *e;
    st = LedgerGetEntry(l, NITEMS, &e);
    Check("entry past the end: error", st == PETSC_ERR_ARG_OUTOFRANGE, 1, 0);
  }
  PetscCall(PetscPopErrorHandler());
  PetscCall(LedgerAdd(l, "s0", "zero", ENERGY_THERMAL, 0.0, 0.0, NULL));
  PetscCall(LedgerGetSize(l, &n));
  Check("a zero item is booked; refused ones are not", n, NITEMS + 1, 0);
  PetscCall(LedgerDestroy(&l));
  PetscCall(LedgerDestroy(&l)); /* destroying a destroyed (NULL) ledger is allowed */
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
