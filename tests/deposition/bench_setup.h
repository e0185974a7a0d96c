/* One corona gun over a grounded plate, the bench of the published transfer efficiencies (data_dry_calendering.md
 * 1.9): the shipped case reduced to one gun at the centre of the 600 mm web, a 600 mm spray zone (a square plate),
 * a round 20 mm nozzle, 100 g/min of powder, on a 64 x 48 section. Extra settings are appended. */
#pragma once
#include "dep_test_util.h"

static inline PetscErrorCode BenchRun(MPI_Comm comm, const char *casefile, PetscInt nextra, const char *const extra[],
                                      DepRun *r)
{
  const char *base[] = {"electrostatic_deposition.gun_count=1",
                        "electrostatic_deposition.gun_rows=1",
                        "electrostatic_deposition.spray_zone_length_mm=600",
                        "electrostatic_deposition.nozzle_width_mm=20",
                        "electrostatic_deposition.jet_spreading_rate=0.1",
                        "electrostatic_deposition.powder_feed_g_per_min=100",
                        "electrostatic_deposition.cells_across=64",
                        "electrostatic_deposition.cells_gap=48"};
  const char *sets[32];
  PetscInt    n = 0;
  PetscFunctionBeginUser;
  for (size_t k = 0; k < sizeof(base) / sizeof(base[0]); k++) sets[n++] = base[k];
  for (PetscInt k = 0; k < nextra && n < 32; k++) sets[n++] = extra[k];
  PetscCall(DepRunCase(comm, casefile, n, sets, r));
  PetscFunctionReturn(0);
}
