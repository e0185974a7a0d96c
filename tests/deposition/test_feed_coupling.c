/* Feed/space-charge/corona coupling of the shipped line (192 guns: 8 across, 24 rows; 40 m/min), the feed chosen for
 * the target loading, on a 96 x 48 section. The coupling must settle on one fixed point whatever the
 * accelerator: the default (Anderson depth 3, damping 0.5), a tighter tolerance (1e-10), and a shallower, more damped
 * accelerator (depth 1, damping 0.4) give the same efficiency, feed and gun current to 1e-6, and the mean loading meets
 * the target. Usage: test_feed_coupling CASE */
#include "dep_test_util.h"

static PetscErrorCode Run(const char *casefile, const char *extra1, const char *extra2, PetscReal out[4])
{
  const char *sets[] = {"electrostatic_deposition.cells_across=96",
                        "electrostatic_deposition.cells_gap=48",
                        "electrostatic_deposition.powder_feed_g_per_min=0",
                        "electrostatic_deposition.picard_iterations=200",
                        extra1,
                        extra2};
  DepRun      r;
  PetscFunctionBeginUser;
  PetscCall(DepRunCase(PETSC_COMM_WORLD, casefile, 6, sets, &r));
  PetscCall(DepGet(&r, "deposition_efficiency", &out[0]));
  PetscCall(DepGet(&r, "powder_feed_g_per_min", &out[1]));
  PetscCall(DepGet(&r, "corona_current_uA", &out[2]));
  {
    PetscReal m = 0.0;
    for (PetscInt j = 0; j < r.web->ny; j++) m += r.web->solids_mass[j];
    m /= r.web->ny;
    out[3] = PetscAbsReal(m / r.web->formulation.areal_loading - 1.0);
  }
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "  %-42s efficiency %.8f, feed %.6f g/min per gun, %.6f uA per gun, loading off target %.1e\n",
                        extra2 ? extra2 : (extra1 ? extra1 : "default"), (double) out[0], (double) out[1],
                        (double) out[2], (double) out[3]));
  PetscCall(DepRunDestroy(&r));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal a[4], b[4], c[4];
  PetscInt  fail = 0;
  PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
  PetscCheck(argc > 1, PETSC_COMM_WORLD, PETSC_ERR_USER_INPUT, "usage: %s CASE.cfg", argv[0]);
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "shipped line (8 x 24 guns, 40 m/min), feed chosen for the target:\n"));
  PetscCall(Run(argv[1], NULL, NULL, a));
  PetscCall(Run(argv[1], "electrostatic_deposition.picard_tolerance=1e-10", NULL, b));
  PetscCall(
      Run(argv[1], "electrostatic_deposition.anderson_depth=1", "electrostatic_deposition.picard_relaxation=0.4", c));
  for (PetscInt k = 0; k < 3; k++) {
    if (!(PetscAbsReal(b[k] / a[k] - 1.0) < 1e-6)) fail++;
    if (!(PetscAbsReal(c[k] / a[k] - 1.0) < 1e-6)) fail++;
  }
  if (!(a[3] < 1e-6 && b[3] < 1e-6 && c[3] < 1e-6)) fail++;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD,
                        "largest relative difference to the default: tolerance 1e-10 %.1e, depth 1 / damping 0.4 %.1e "
                        "(allowed 1e-6)\n%s\n",
                        (double) PetscMax(PetscAbsReal(b[0] / a[0] - 1),
                                          PetscMax(PetscAbsReal(b[1] / a[1] - 1), PetscAbsReal(b[2] / a[2] - 1))),
                        (double) PetscMax(PetscAbsReal(c[0] / a[0] - 1),
                                          PetscMax(PetscAbsReal(c[1] / a[1] - 1), PetscAbsReal(c[2] / a[2] - 1))),
                        fail ? "FAIL" : "PASS"));
  PetscCall(StageRegistryFinalize());
  PetscCall(CaseKeysFinalize());
  PetscCall(PetscFinalize());
  return fail ? 1 : 0;
}
