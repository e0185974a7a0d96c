/* Unit tests of the pure lamination functions (physics/lamination_model.c): compaction law and mass
 * conservation, bite and compaction work, layer conductivity limits, roll loss, melting floor, and the
 * conservation and Jacobian of the finite-volume rows. */
#include "lamination_model.h"

static int fails = 0;

static void Check(const char *what, double got, double want, double rtol)
{
  int ok = PetscAbsReal(got - want) <= rtol * PetscMax(1e-300, PetscAbsReal(want)) || got == want;
  printf("  %-58s %.10g (want %.10g) %s\n", what, got, want, ok ? "ok" : "FAIL");
  fails += !ok;
}

int main(int argc, char **argv)
{
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  printf("compaction law eps(q) = eps_min + (eps0 - eps_min) exp(-q/gamma)\n");
  {
    const PetscReal e0 = 0.6, emin = 0.2, gam = 300e3, m = 0.2, rho = 4400.0;
    Check("q = 0 keeps eps0", LaminationCompactedPorosity(e0, emin, 0.0, gam), e0, 1e-15);
    Check("q = gamma: eps_min + (eps0 - eps_min)/e", LaminationCompactedPorosity(e0, emin, gam, gam),
          emin + (e0 - emin) / exp(1.0), 1e-14);
    Check("q = 50 gamma: eps_min", LaminationCompactedPorosity(e0, emin, 50 * gam, gam), emin, 1e-12);
    Check("layer already below eps_min is left alone", LaminationCompactedPorosity(0.15, emin, gam, gam), 0.15, 0);
    {
      int mono = 1;
      for (int i = 1; i < 100; i++)
        mono &= LaminationCompactedPorosity(e0, emin, i * 1e4, gam) <
                LaminationCompactedPorosity(e0, emin, (i - 1) * 1e4, gam);
      Check("strictly decreasing in the line load (1 = yes)", mono, 1, 0);
    }
    {
      PetscReal eps = LaminationCompactedPorosity(e0, emin, 100e3, gam), h = LaminationLayerThickness(m, rho, eps);
      Check("mass conservation: h rho_s (1 - eps) = m", h * rho * (1 - eps), m, 1e-14);
      Check("thickness at eps0 = 0.6: m/(rho 0.4)", LaminationLayerThickness(m, rho, e0), m / (rho * 0.4), 1e-15);
    }
  }
  printf("nip geometry and work (data_dry_calendering.md 4.4)\n");
  Check("bite sqrt(R dh), R = 0.15 m, dh = 20 um", LaminationBiteLength(0.15, 20e-6), sqrt(0.15 * 20e-6), 1e-15);
  Check("work q sqrt(dh/R), 50 N/mm", LaminationCompactionWork(50e3, 20e-6, 0.15), 50e3 * sqrt(20e-6 / 0.15), 1e-15);
  Check("no reduction, no work", LaminationCompactionWork(50e3, 0.0, 0.15), 0.0, 0);
  printf("Lichtenecker conductivity\n");
  {
    const PetscReal phi[3] = {0.9, 0.05, 0.05}, ks[3] = {4.0, 1.0, 0.19};
    PetscReal       lnks = 0.9 * log(4.0) + 0.05 * log(1.0) + 0.05 * log(0.19);
    Check("eps = 0: geometric mean of the solids", LaminationLayerConductivity(0.0, 3, phi, ks, 0.03), exp(lnks),
          1e-14);
    Check("eps = 1: gas", LaminationLayerConductivity(1.0, 3, phi, ks, 0.03), 0.03, 1e-14);
    Check("eps = 0.5: sqrt(k_s k_gas)", LaminationLayerConductivity(0.5, 3, phi, ks, 0.03), sqrt(exp(lnks) * 0.03),
          1e-14);
  }
  printf("roll loss and melting floor\n");
  {
    PetscReal q = 10.0 * 175.0 + 0.2 * STEFAN_BOLTZMANN * (pow(473.15, 4) - pow(298.15, 4));
    Check("roll 0.3 m x 0.6 m at 200 C, 2 mm covered (W)",
          LaminationRollSurfaceLoss(0.3, 0.6, 2e-3, 473.15, 298.15, 10.0, 0.2), (PETSC_PI * 0.3 - 2e-3) * 0.6 * q,
          1e-14);
    Check("binder floor 4 g/m2 PVDF 25->175 C + 50 kJ/kg (J/m2)",
          LaminationBinderMeltingMinimum(4e-3, 1200.0, 448.15, 298.15, 50e3), 4e-3 * (1200.0 * 150.0 + 50e3), 1e-14);
  }
  printf("finite-volume rows\n");
  {
    const PetscInt n     = 5;
    PetscReal      dx[6] = {0, 1e-5, 1e-5, 3e-5, 3e-5, 3e-5}, k[6] = {0, 200, 200, 0.3, 0.3, 0.3}, G[6], C[7];
    PetscReal      U[7] = {0, 300, 310, 330, 360, 400, 0}, sum = 0.0, maxrow = 0.0;
    LaminationFaceConductances(n, dx, k, 2e4, 1e4, G);
    Check("interface face: series of the half cells", G[2], 1.0 / (0.5e-5 / 200 + 1.5e-5 / 0.3), 1e-14);
    for (PetscInt i = 1; i <= n; i++) C[i] = 1.0 + i;
    /* with Udot = 0, sum of the cell rows = - (heat in through both faces) = - (row 0 + row n+1 rates) */
    for (PetscInt i = 0; i <= n + 1; i++) {
      PetscReal r =
          LaminationRowResidual(i, n, C, G, 350.0, 470.0, i ? U[i - 1] : 0, U[i], i <= n ? U[i + 1] : 0, 0.0, 0.0);
      sum += (i == 0 || i == n + 1) ? -r : r;
      maxrow = PetscMax(maxrow, PetscAbsReal(r));
    }
    printf("  (relative imbalance %.2e)\n", (double) (sum / maxrow));
    Check("conservation: cell rows + boundary heat rates cancel", PetscAbsReal(sum / maxrow) < 1e-14, 1, 0);
    {
      PetscReal dm, d, dp, err = 0.0, eps = 1e-3;
      for (PetscInt i = 0; i <= n + 1; i++) {
        PetscReal rp, r0;
        LaminationRowJacobian(i, n, C, G, 7.0, &dm, &d, &dp);
        /* finite differences of the linear residual with Udot = shift * U */
        r0  = LaminationRowResidual(i, n, C, G, 350, 470, i ? U[i - 1] : 0, U[i], i <= n ? U[i + 1] : 0, 7.0 * U[i], 0);
        rp  = LaminationRowResidual(i, n, C, G, 350, 470, i ? U[i - 1] : 0, U[i] + eps, i <= n ? U[i + 1] : 0,
                                    7.0 * (U[i] + eps), 0);
        err = PetscMax(err, PetscAbsReal((rp - r0) / eps - d) / PetscAbsReal(d));
        if (i > 0) {
          rp  = LaminationRowResidual(i, n, C, G, 350, 470, U[i - 1] + eps, U[i], i <= n ? U[i + 1] : 0, 7.0 * U[i], 0);
          err = PetscMax(err, PetscAbsReal((rp - r0) / eps - dm) / PetscMax(PetscAbsReal(dm), 1.0));
        }
        if (i <= n) {
          rp  = LaminationRowResidual(i, n, C, G, 350, 470, i ? U[i - 1] : 0, U[i], U[i + 1] + eps, 7.0 * U[i], 0);
          err = PetscMax(err, PetscAbsReal((rp - r0) / eps - dp) / PetscMax(PetscAbsReal(dp), 1.0));
        }
      }
      Check("Jacobian rows = finite differences (max rel. difference)", err < 1e-6 ? 0.0 : err, 0.0, 0);
    }
    Check("interface temperature, equal conductances: mean", LaminationInterfaceTemperature(300, 1, 1, 400, 1, 1), 350,
          1e-15);
  }
  printf("%s\n", fails ? "FAILED" : "passed");
  PetscCall(PetscFinalize());
  return fails ? 1 : 0;
}
