/* Corona current of a gun as an output (Peek onset, Kaptzov): one gun 200 mm over a grounded plate without powder
 * (1 mg/min) at 8 ... 80 kV.
 *  - no current below the Peek onset voltage;
 *  - I/V against V is a straight line (Townsend, I = C V (V - V_on)) whose intercept is the onset voltage;
 *  - I stays below Sigmond's saturation current 2 eps0 Z V^2/d at every voltage;
 *  - with powder the current falls (the cloud's space charge takes field off the emitter), more with more powder,
 *    and three guns 50 mm apart draw less per gun than one alone (their ions shield each other).
 * Usage: test_corona_iv CASE.cfg */
#include "bench_setup.h"
#include "physics/electrostatics_model.h"

static PetscErrorCode Current(const char *casefile, const char *volts, const char *feed, const char *guns,
                              PetscReal *Icur, PetscReal *Von)
{
  char        s1[128], s2[128], s3[128];
  const char *extra[] = {"electrostatic_deposition.gun_distance_mm=200", "electrostatic_deposition.gun_spacing_mm=50",
                         s1, s2, s3};
  DepRun      r;
  PetscFunctionBeginUser;
  PetscCall(PetscSNPrintf(s1, sizeof(s1), "electrostatic_deposition.gun_voltage_kV=%s", volts));
  PetscCall(PetscSNPrintf(s2, sizeof(s2), "electrostatic_deposition.powder_feed_g_per_min=%s", feed));
  PetscCall(PetscSNPrintf(s3, sizeof(s3), "electrostatic_deposition.gun_count=%s", guns));
  PetscCall(BenchRun(PETSC_COMM_WORLD, casefile, 5, extra, &r));
  PetscCall(DepGet(&r, "corona_current_uA", Icur));
  PetscCall(DepGet(&r, "corona_onset_voltage_kV", Von));
  *Icur *= 1e-6;
  *Von *= 1e3;
  PetscCall(DepRunDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  const char     *volts[] = {"15", "25", "40", "60", "80"};
  const PetscReal V[] = {15e3, 25e3, 40e3, 60e3, 80e3}, Z = 1.87e-4, d = 0.2;
  PetscReal       Icur[5], Von = 0.0, I0, sx = 0, sy = 0, sxx = 0, sxy = 0, C, b, Vfit, worst = 0.0;
  PetscInt        fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  PetscCall(Current(argv[1], "8", "0.001", "1", &I0, &Von));
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "onset (Peek) %.1f V; at 8 kV: %g uA\n", (double) Von, (double) (1e6 * I0)));
  if (I0 != 0.0) fail++;
  for (PetscInt k = 0; k < 5; k++) {
    PetscReal von, Is = DepSigmondSaturationCurrent(Z, V[k], d);
    PetscCall(Current(argv[1], volts[k], "0.001", "1", &Icur[k], &von));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %5.0f V: %8.3f uA, Sigmond %8.3f uA, ratio %.3f\n", (double) V[k],
                          (double) (1e6 * Icur[k]), (double) (1e6 * Is), (double) (Icur[k] / Is)));
    if (!(Icur[k] < Is)) fail++;
    sx += V[k], sy += Icur[k] / V[k], sxx += V[k] * V[k], sxy += V[k] * Icur[k] / V[k];
  }
  /* least squares Icur/V = C V + b; the Townsend intercept V_on = -b/C */
  C    = (5 * sxy - sx * sy) / (5 * sxx - sx * sx);
  b    = (sy - C * sx) / 5;
  Vfit = -b / C;
  for (PetscInt k = 0; k < 5; k++)
    worst = PetscMax(worst, PetscAbsReal(C * V[k] + b - Icur[k] / V[k]) / (Icur[k] / V[k]));
  PetscCall(
      PetscPrintf(PETSC_COMM_WORLD,
                  "Townsend fit I = C V (V - V_on): C = %.4e A/V2 (2 eps0 Z/d = %.4e), V_on = %.1f V (Peek %.1f), "
                  "largest deviation %.2e\n",
                  (double) C, (double) (2 * 8.8541878128e-12 * Z / d), (double) Vfit, (double) Von, (double) worst));
  if (!(worst < 1e-3)) fail++;
  if (!(PetscAbsReal(Vfit / Von - 1.0) < 0.01)) fail++;
  {
    PetscReal Ip1, Ip2, I3, von;
    PetscCall(Current(argv[1], "80", "100", "1", &Ip1, &von));
    PetscCall(Current(argv[1], "80", "300", "1", &Ip2, &von));
    PetscCall(Current(argv[1], "80", "0.001", "3", &I3, &von));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                          "80 kV: no powder %.3f uA, 100 g/min %.3f uA, 300 g/min %.3f uA; three guns 50 mm apart %.3f "
                          "uA each\n",
                          (double) (1e6 * Icur[4]), (double) (1e6 * Ip1), (double) (1e6 * Ip2), (double) (1e6 * I3)));
    if (!(Ip1 < 0.9 * Icur[4] && Ip2 < 0.9 * Ip1)) fail++;
    if (!(I3 < 0.8 * Icur[4])) fail++;
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "%s\n", fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
