/* Dry ledger: every item of electrostatic_deposition against a hand calculation.
 * Part 1: DepLedgerCompute with numbers written out (48 guns, 80 kV, 15 uA, 6 Nm3/h each at 0.12 kWh/Nm3, 1.3 kg/min
 * fed, 90 % deposited, 95 % of the overspray recovered, 10 g/m3 dust limit, 1.5 kPa over a 0.6 fan, 5 kg of powder
 * per kg of conveying air, 180 kJ/kg premixing).
 * Part 2: the stage on the shipped case: each LedgerAdd item recomputed from the case keys and the reported feed,
 * efficiency and gun current, per m2 of electrode (area rate = line speed x width), to 1e-6.
 * Usage: test_dry_ledger CASE.cfg */
#include "dep_test_util.h"
#include "physics/electrostatics_model.h"

static PetscInt fails = 0;
static void     Check(const char *what, PetscReal got, PetscReal expected, PetscReal rtol)
{
  const PetscReal rel = expected != 0.0 ? PetscAbsReal(got - expected) / PetscAbsReal(expected) : PetscAbsReal(got);
  PetscPrintf(PETSC_COMM_WORLD, "%-58s got %.7e expected %.7e rel.err %.1e %s\n", what, (double) got, (double) expected,
              (double) rel, rel <= rtol ? "ok" : "FAIL");
  if (!(rel <= rtol)) fails++;
}

static PetscErrorCode Item(Ledger l, const char *item, PetscReal *energy, PetscReal *minimum)
{
  PetscInt n;
  PetscFunctionBeginUser;
  PetscCall(LedgerGetSize(l, &n));
  for (PetscInt i = 0; i < n; i++) {
    const LedgerEntry *e;
    PetscCall(LedgerGetEntry(l, i, &e));
    if (!strcmp(e->item, item)) {
      *energy  = e->energy;
      *minimum = e->minimum;
      PetscFunctionReturn(0);
    }
  }
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_PLIB, "ledger item %s missing", item);
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  {
    DepLedgerInput in = {0};
    DepLedgerPower P;
    in.guns                      = 48;
    in.voltage                   = 80e3;
    in.current_per_gun           = 15e-6;
    in.supply_efficiency         = 0.85;
    in.air_per_gun               = 6.0 / 3600.0;
    in.shop_air_specific_energy  = 0.12 * 3.6e6;
    in.air_supply_gauge          = 0.5e5;
    in.fed                       = 1.3 / 60.0;
    in.deposited                 = 0.9 * 1.3 / 60.0;
    in.recovery_efficiency       = 0.95;
    in.dust_limit                = 0.01;
    in.recovery_pressure_drop    = 1500.0;
    in.fan_efficiency            = 0.6;
    in.conveying_loading         = 5.0;
    in.air_normal_density        = 1.2922;
    in.premixing_specific_energy = 180e3;
    in.charging_energy           = 2.5;
    DepLedgerCompute(&in, &P);
    /* corona: 48 x 80e3 V x 15e-6 A / 0.85 = 57.6/0.85 = 67.764706 W; minimum: the charging energy given, 2.5 W */
    Check("corona, n V I/eta", P.corona, 67.764706, 1e-7);
    Check("corona minimum = charging energy", P.corona_min, 2.5, 1e-14);
    /* compressed air: 48 x 1.6666667e-3 Nm3/s x 432000 J/Nm3 = 0.08 x 432000 = 34560 W */
    Check("compressed air, n Q e_air", P.compressed_air, 34560.0, 1e-12);
    /* minimum: 0.08 Nm3/s x 101325 ln(151325/101325) = 0.08 x 40641.120 = 3251.2896 W */
    Check("compressed air minimum, isothermal to 0.5 bar(g)", P.compressed_air_min, 3251.2896, 1e-7);
    /* overspray 0.1 x 0.021666667 = 2.1666667e-3 kg/s; recovered 0.95 x = 2.0583333e-3; fresh 0.0195 + 1.0833333e-4 */
    Check("overspray", P.overspray, 2.1666667e-3, 1e-7);
    Check("recovered", P.recovered, 2.0583333e-3, 1e-7);
    Check("fresh powder = deposited + unrecovered", P.fresh, 1.9608333e-2, 1e-7);
    /* extraction: max(2.1666667e-3/0.01 = 0.21666667, 0.08) m3/s x 1500 Pa / 0.6 = 541.66667 W */
    Check("extraction air, dust limit binding", P.extraction_air, 0.21666667, 1e-7);
    Check("booth extraction power", P.extraction, 541.66667, 1e-7);
    /* recirculation: 2.0583333e-3/(5 x 1.2922) Nm3/s of conveying air x 432000 = 3.1857815e-4 x 432000 = 137.62576 W */
    Check("overspray recirculation", P.recirculation, 137.62576, 1e-6);
    /* premixing: 180e3 J/kg x 1.9608333e-2 kg/s = 3529.5 W */
    Check("powder premixing", P.premixing, 3529.5, 1e-7);
    /* a small overspray: the gun air (0.08 m3/s) sizes the extraction: 0.08 x 1500/0.6 = 200 W */
    in.deposited = in.fed - 1e-4;
    DepLedgerCompute(&in, &P);
    Check("extraction air, gun air binding", P.extraction_air, 0.08, 1e-12);
    Check("booth extraction power, gun air binding", P.extraction, 200.0, 1e-12);
  }
  {
    /* the stage on the shipped case (coarser section): keys of cases/dry_nmc811.cfg and the key defaults */
    const char *sets[] = {"electrostatic_deposition.cells_across=96", "electrostatic_deposition.cells_gap=40"};
    DepRun      r;
    PetscReal   feed, eff, cur, xair, E, Emin;
    PetscCall(DepRunCase(PETSC_COMM_WORLD, argv[1], 2, sets, &r));
    PetscCall(DepGet(&r, "powder_feed_g_per_min", &feed));
    PetscCall(DepGet(&r, "deposition_efficiency", &eff));
    PetscCall(DepGet(&r, "corona_current_uA", &cur));
    PetscCall(DepGet(&r, "booth_extraction_Nm3_per_h", &xair));
    {
      /* 8 guns x 24 rows = 192, 40 m/min x 0.6 m = 0.4 m2/s; feed per gun in g/min -> kg/s: /6e4 */
      const PetscReal n = 192.0, area = 40.0 / 60.0 * 0.6, fed = n * feed / 6e4, dep = eff * fed;
      const PetscReal over = fed - dep, rec = 0.95 * over, fresh = dep + over - rec;
      const PetscReal air = n * 6.0 / 3600.0, e_air = 0.12 * 3.6e6;
      const PetscReal rhoN = 101325.0 * 0.028964 / (8.314462618 * 273.15); /* 1.2922 kg/Nm3 */
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "stage: feed %g g/min per gun, efficiency %g, %g uA per gun\n",
                            (double) feed, (double) eff, (double) cur));
      PetscCall(Item(r.ledger, "corona", &E, &Emin));
      Check("stage corona: n V I/0.85/area", E, n * 80e3 * cur * 1e-6 / 0.85 / area, 1e-6);
      PetscCall(Item(r.ledger, "compressed_air", &E, &Emin));
      Check("stage compressed air: n 6 Nm3/h x 0.12 kWh/Nm3/area", E, air * e_air / area, 1e-12);
      Check("stage compressed air minimum", Emin, air * 101325.0 * PetscLogReal(151325.0 / 101325.0) / area, 1e-12);
      PetscCall(Item(r.ledger, "booth_extraction", &E, &Emin));
      Check("stage extraction air (Nm3/h)", xair, PetscMax(over / 0.01, air) * 3600.0, 1e-6);
      Check("stage booth extraction: Q 1.5 kPa/0.6/area", E, PetscMax(over / 0.01, air) * 1500.0 / 0.6 / area, 1e-6);
      PetscCall(Item(r.ledger, "overspray_recirculation", &E, &Emin));
      Check("stage recirculation: rec/(5 rho_N) e_air/area", E, rec / (5.0 * rhoN) * e_air / area, 1e-6);
      PetscCall(Item(r.ledger, "powder_premixing", &E, &Emin));
      Check("stage premixing: 180 kJ/kg x fresh/area", E, 180e3 * fresh / area, 1e-6);
      /* per m2 the fresh powder is the loading over the deposit share of it: about 0.2 kg/m2 x 180 kJ/kg */
      Check("stage premixing ~ loading x 180 kJ/kg (within the unrecovered overspray)", E, 0.2 * 180e3, 0.05);
    }
    PetscCall(DepRunDestroy(&r));
  }
  {
    /* the corona item's minimum, the charging energy of the deposit: q^2/(8 pi eps0 r) per particle, i.e.
       M (q/m)^2 rho_s r^2/(6 eps0) per m2 for M kg/m2 of particles of radius r carrying q/m. With the three size
       classes of the shipped case all 10 um, every class arrives with the mean q/m the stage reports. */
    const char *sets[] = {"electrostatic_deposition.cells_across=96", "electrostatic_deposition.cells_gap=40",
                          "electrostatic_deposition.size_classes.[0].diameter_um=10.0",
                          "electrostatic_deposition.size_classes.[2].diameter_um=10.0"};
    DepRun      r;
    PetscReal   qm, E, Emin, M = 0.0, r_p = 5e-6, rho;
    PetscCall(DepRunCase(PETSC_COMM_WORLD, argv[1], 4, sets, &r));
    PetscCall(DepGet(&r, "charge_to_mass_uC_per_g", &qm));
    qm *= 1e-3; /* uC/g -> C/kg */
    for (PetscInt j = 0; j < r.web->ny; j++) M += r.web->solids_mass[j] / r.web->ny;
    rho = r.web->formulation.solids_density;
    PetscCall(Item(r.ledger, "corona", &E, &Emin));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "one size: q/m %g C/kg, deposit %g kg/m2, solids density %g kg/m3\n",
                          (double) qm, (double) M, (double) rho));
    Check("stage corona minimum: M (q/m)^2 rho r^2/(6 eps0)", Emin,
          M * qm * qm * rho * r_p * r_p / (6.0 * 8.8541878128e-12), 1e-6);
    /* the web handed on: the layer as deposited, porosity 0.6 (the case's as_deposited_porosity) and thickness
       m/(rho_s (1 - 0.6)) in every cell, rho_s = 1/(0.96/4750 + 0.02/1800 + 0.02/1780) kg/m3 (NMC811, carbon black,
       PVDF of cases/materials.cfg) */
    {
      const PetscReal rho_hand = 1.0 / (0.96 / 4750.0 + 0.02 / 1800.0 + 0.02 / 1780.0);
      PetscReal       eh = 0.0, ep = 0.0;
      for (PetscInt j = 0; j < r.web->ny; j++) {
        eh = PetscMax(eh, PetscAbsReal(r.web->thickness[j] - r.web->solids_mass[j] / (rho_hand * 0.4)) /
                              (r.web->solids_mass[j] / (rho_hand * 0.4)));
        ep = PetscMax(ep, PetscAbsReal(r.web->porosity[j] - 0.6));
      }
      Check("solids density of the premix by hand (kg/m3)", rho, rho_hand, 1e-12);
      Check("web thickness = solids/(rho_s (1 - 0.6)) in every cell (largest relative deviation)", 1.0 + eh, 1.0,
            1e-12);
      Check("web porosity = 0.6 in every cell (largest deviation)", 1.0 + ep, 1.0, 1e-15);
    }
    PetscCall(DepRunDestroy(&r));
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fails ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
